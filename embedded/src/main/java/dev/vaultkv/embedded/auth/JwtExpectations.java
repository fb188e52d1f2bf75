package dev.vaultkv.embedded.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a JWT must satisfy besides its signature. Leeways follow Vault's validator: a negative value means
 * none, zero means the default ({@value #DEFAULT_CLAIM_LEEWAY_SECONDS} s for the expiration and not-before
 * leeways that apply when {@code exp} or {@code nbf} is absent, {@value #DEFAULT_CLOCK_SKEW_SECONDS} s for the
 * clock skew allowed on every time claim).
 *
 * @param issuer the required {@code iss}, or {@code null}
 * @param subject the required {@code sub}, or {@code null}
 * @param audiences {@code aud} must contain one of these; empty: not checked
 * @param algorithms the accepted {@code alg} values; empty: every supported asymmetric algorithm
 * @param expirationLeewaySeconds the expiration leeway
 * @param notBeforeLeewaySeconds the not-before leeway
 * @param clockSkewLeewaySeconds the clock skew leeway
 * @param allowMissingTimeClaims whether a token without {@code iat}, {@code nbf} and {@code exp} is accepted
 * @param now the current time
 * @author vaultkv
 */
record JwtExpectations(@Nullable String issuer, @Nullable String subject, List<String> audiences,
		Set<JwsAlgorithm> algorithms, long expirationLeewaySeconds, long notBeforeLeewaySeconds,
		long clockSkewLeewaySeconds, boolean allowMissingTimeClaims, Instant now) {

	static final long DEFAULT_CLAIM_LEEWAY_SECONDS = 150;

	static final long DEFAULT_CLOCK_SKEW_SECONDS = 60;

	long effectiveExpirationLeeway() {
		return effective(this.expirationLeewaySeconds, DEFAULT_CLAIM_LEEWAY_SECONDS);
	}

	long effectiveNotBeforeLeeway() {
		return effective(this.notBeforeLeewaySeconds, DEFAULT_CLAIM_LEEWAY_SECONDS);
	}

	long effectiveClockSkew() {
		return effective(this.clockSkewLeewaySeconds, DEFAULT_CLOCK_SKEW_SECONDS);
	}

	private static long effective(long value, long defaultValue) {
		return (value < 0) ? 0 : (value == 0) ? defaultValue : value;
	}

}
