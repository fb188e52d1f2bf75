package dev.vaultkv.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What is known of the current token, without its value: for health, metrics and the actuator endpoint.
 *
 * @param accessor the token's accessor, or empty
 * @param obtainedAt when the token was obtained (login or configuration)
 * @param expiresAt when the token expires, or {@code null} when it never does
 * @param renewable whether the token can be renewed
 * @param loginObtained whether the token came from a login (and will be revoked on close)
 * @since 0.1.0
 */
public record TokenState(String accessor, Instant obtainedAt, @Nullable Instant expiresAt, boolean renewable,
		boolean loginObtained) {

}
