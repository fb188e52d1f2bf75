package dev.vaultkv.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.RateLimitedException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultServerException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.testsupport.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DefaultSessionManager}.
 */
class DefaultSessionManagerTests {

	private static final String LOGIN = "auth/approle/login";

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FakeVault vault = new FakeVault();

	private final AtomicInteger logins = new AtomicInteger();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final SessionListener listener = new SessionListener() {

		@Override
		public void onLogin(String method, TokenState state) {
			DefaultSessionManagerTests.this.events.add("login:" + method);
		}

		@Override
		public void onLoginFailure(String method, VaultException failure) {
			DefaultSessionManagerTests.this.events.add("login-failure:" + method);
		}

		@Override
		public void onRenewal(TokenState state) {
			DefaultSessionManagerTests.this.events.add("renewal");
		}

		@Override
		public void onRenewalFailure(TokenState state, VaultException failure) {
			DefaultSessionManagerTests.this.events.add("renewal-failure");
		}

		@Override
		public void onTokenExpired(TokenState state, String reason) {
			DefaultSessionManagerTests.this.events.add("expired");
		}

		@Override
		public void onRevoked(TokenState state) {
			DefaultSessionManagerTests.this.events.add("revoked");
		}

	};

	private ClientAuthentication approle(long ttl, boolean renewable) {
		this.vault.on(LOGIN, (request) -> FakeVault.auth("hvs.login-" + this.logins.incrementAndGet(), ttl, renewable));
		return new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().roleId("role").secretId("sid").build());
	}

	private DefaultSessionManager.Builder builder(ClientAuthentication authentication) {
		return DefaultSessionManager.builder(authentication, this.vault)
			.scheduler(this.scheduler)
			.clock(this.scheduler.clock)
			.jitter(0)
			.addListener(this.listener);
	}

	private DefaultSessionManager manager(ClientAuthentication authentication) {
		return builder(authentication).build();
	}

	@Test
	void logsInLazilyOnFirstGetTokenAndOnlyOnce() {
		DefaultSessionManager manager = manager(approle(300, true));
		assertThat(this.vault.requests).isEmpty();
		assertThat(manager.getTokenState()).isNull();
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-1");
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-1");
		assertThat(this.vault.count(LOGIN)).isOne();
		TokenState state = manager.getTokenState();
		assertThat(state.loginObtained()).isTrue();
		assertThat(state.renewable()).isTrue();
		assertThat(state.expiresAt()).isEqualTo(this.scheduler.clock.instant().plusSeconds(300));
		assertThat(this.vault.requests(LOGIN).get(0).getAuthentication()).isEqualTo(VaultRequest.Authentication.NONE);
		assertThat(this.events).containsExactly("login:approle");
	}

	@Test
	void renewsWhenTwoThirdsOfTheTtlHaveElapsed() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> FakeVault.auth("ignored", 300, true));
		manager.getToken();
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(200));
		this.scheduler.advance(Duration.ofSeconds(199));
		assertThat(this.vault.count(DefaultSessionManager.RENEW_SELF)).isZero();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.vault.count(DefaultSessionManager.RENEW_SELF)).isOne();
		VaultRequest renewal = this.vault.requests(DefaultSessionManager.RENEW_SELF).get(0);
		assertThat(FakeVault.token(renewal)).isEqualTo("hvs.login-1");
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(200));
		assertThat(manager.getTokenState().expiresAt()).isEqualTo(this.scheduler.clock.instant().plusSeconds(300));
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-1");
		assertThat(this.vault.count(LOGIN)).isOne();
		assertThat(this.events).containsExactly("login:approle", "renewal");
	}

	@Test
	void renewsAtTheExpiryThresholdWhenItComesFirst() {
		DefaultSessionManager manager = builder(approle(60, true)).expiryThreshold(Duration.ofSeconds(30)).build();
		manager.getToken();
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void jitterMakesRenewalEarlierWithinItsBound() {
		DefaultSessionManager manager = builder(approle(300, true)).jitter(0.1).random(() -> 0.5).build();
		manager.getToken();
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(190));
		DefaultSessionManager other = builder(approle(300, true)).jitter(0.1).random(() -> 0.999999).build();
		other.getToken();
		assertThat(this.scheduler.lastDelay()).isBetween(Duration.ofSeconds(180), Duration.ofSeconds(200));
	}

	@Test
	void schedulesFromTheShortenedTtlAndLogsInAgainAtTheMaxTtl() {
		DefaultSessionManager manager = manager(approle(300, true));
		AtomicInteger renewals = new AtomicInteger();
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> (renewals.incrementAndGet() == 1)
				? FakeVault.auth("ignored", 90, true, "service",
						List.of("TTL of \"5m\" exceeded the effective max_ttl of \"1m30s\"; TTL value is capped accordingly"))
				: FakeVault.auth("ignored", 12, true));
		manager.getToken();
		this.scheduler.advance(Duration.ofSeconds(200));
		assertThat(renewals).hasValue(1);
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(60));
		this.scheduler.advance(Duration.ofSeconds(60));
		assertThat(renewals).hasValue(2);
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-2");
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(200));
		assertThat(this.events).containsExactly("login:approle", "renewal", "renewal", "expired", "login:approle");
	}

	@Test
	void withJitterARenewalCappedAtTheMaxTtlIsFollowedByALoginAtARandomPoint() {
		double[] random = { 0.5 };
		DefaultSessionManager manager = builder(approle(300, true)).jitter(0.1).random(() -> random[0]).build();
		AtomicInteger renewals = new AtomicInteger();
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> {
			renewals.incrementAndGet();
			return FakeVault.auth("ignored", 90, true, "service",
					List.of("TTL of \"5m\" exceeded the effective max_ttl of \"1m30s\"; TTL value is capped accordingly"));
		});
		manager.getToken();
		this.scheduler.advance(Duration.ofSeconds(190));
		assertThat(renewals).hasValue(1);
		// 60 s (90 s - 30 s threshold), less half of it times 0.5: no more renewals, a login in 45 s
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(45));
		this.scheduler.advance(Duration.ofSeconds(45));
		assertThat(renewals).hasValue(1);
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-2");
		assertThat(this.events).containsExactly("login:approle", "renewal", "login:approle");
	}

	@Test
	void logsInAgainWhenVaultWillNotRenew() {
		for (String error : List.of("past the max TTL, cannot renew", "lease is not renewable", "token not found")) {
			FakeVault vault = new FakeVault();
			AtomicInteger logins = new AtomicInteger();
			vault.on(LOGIN, (request) -> FakeVault.auth("hvs.t" + logins.incrementAndGet(), 300, true));
			vault.on(DefaultSessionManager.RENEW_SELF, (request) -> {
				throw FakeVault.badRequest(request, error);
			});
			ManualScheduler scheduler = new ManualScheduler();
			DefaultSessionManager manager = DefaultSessionManager
				.builder(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().roleId("r").build()), vault)
				.scheduler(scheduler)
				.clock(scheduler.clock)
				.jitter(0)
				.build();
			manager.getToken();
			scheduler.advance(Duration.ofSeconds(200));
			assertThat(logins).as(error).hasValue(2);
			assertThat(manager.getToken().getToken()).as(error).isEqualTo("hvs.t2");
		}
	}

	@Test
	void logsInAgainBeforeExpiryForNonRenewableTokensAndNeverRenewsThem() {
		DefaultSessionManager manager = manager(approle(300, false));
		manager.getToken();
		assertThat(manager.getTokenState().renewable()).isFalse();
		this.scheduler.advance(Duration.ofSeconds(200));
		assertThat(this.vault.count(DefaultSessionManager.RENEW_SELF)).isZero();
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-2");
	}

	@Test
	void neverRenewsBatchTokens() {
		this.vault.on(LOGIN, (request) -> FakeVault.auth("hvb.batch" + this.logins.incrementAndGet(), 300, true,
				"batch", List.of()));
		DefaultSessionManager manager = manager(
				new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().roleId("r").build()));
		manager.getToken();
		assertThat(manager.getTokenState().renewable()).isFalse();
		this.scheduler.advance(Duration.ofSeconds(250));
		assertThat(this.vault.count(DefaultSessionManager.RENEW_SELF)).isZero();
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
	}

	@Test
	void schedulesNothingForTokensThatNeverExpire() {
		DefaultSessionManager manager = manager(approle(0, false));
		manager.getToken();
		assertThat(manager.getTokenState().expiresAt()).isNull();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void retriesFailedRenewalWithBoundedBackoffBeforeExpiry() {
		DefaultSessionManager manager = builder(approle(3600, true))
			.retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8))
			.build();
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> {
			throw new VaultServerException(request.getOperation(), request.getPath(), 503, List.of("overloaded"), null);
		});
		manager.getToken();
		this.scheduler.advance(Duration.ofSeconds(2400));
		List<Duration> retries = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Duration next = this.scheduler.nextDelay();
			retries.add(next);
			this.scheduler.advance(next);
		}
		assertThat(retries).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(8));
		assertThat(this.vault.count(LOGIN)).isOne();
		assertThat(this.events).contains("renewal-failure").doesNotContain("login-failure");
	}

	@Test
	void backoffNeverReachesPastExpiryAndLogsInOnceExpired() {
		DefaultSessionManager manager = builder(approle(60, true))
			.retryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5))
			.build();
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> {
			throw new VaultServerException(request.getOperation(), request.getPath(), 500, List.of("boom"), null);
		});
		manager.getToken();
		Instant expiry = manager.getTokenState().expiresAt();
		this.scheduler.advance(Duration.ofSeconds(30));
		int attempts = 0;
		while (this.vault.count(LOGIN) == 1 && attempts++ < 50) {
			Duration next = this.scheduler.nextDelay();
			assertThat(next).isNotNull();
			assertThat(this.scheduler.clock.instant().plus(next)).isBeforeOrEqualTo(expiry);
			this.scheduler.advance(next);
		}
		assertThat(attempts).isLessThan(20);
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
	}

	@Test
	void closeRevokesALoginTokenOnceAndStopsRenewal() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(DefaultSessionManager.REVOKE_SELF, (request) -> dev.vaultkv.client.VaultResponse.noContent());
		manager.getToken();
		manager.close();
		manager.close();
		assertThat(this.vault.count(DefaultSessionManager.REVOKE_SELF)).isOne();
		assertThat(FakeVault.token(this.vault.requests(DefaultSessionManager.REVOKE_SELF).get(0)))
			.isEqualTo("hvs.login-1");
		assertThat(this.scheduler.pending()).isZero();
		this.scheduler.advance(Duration.ofHours(1));
		assertThat(this.vault.count(DefaultSessionManager.RENEW_SELF)).isZero();
		assertThat(this.events).containsExactly("login:approle", "revoked");
		assertThatIllegalStateException().isThrownBy(manager::getToken).withMessageContaining("closed");
	}

	@Test
	void closeIgnoresRevocationFailures() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(DefaultSessionManager.REVOKE_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		manager.getToken();
		manager.close();
		assertThat(this.vault.count(DefaultSessionManager.REVOKE_SELF)).isOne();
	}

	@Test
	void closeNeverRevokesAConfiguredToken() {
		this.vault.on(TokenLookup.LOOKUP_SELF,
				(request) -> FakeVault.data(Map.of("ttl", 0, "renewable", false, "type", "service")));
		DefaultSessionManager manager = manager(new TokenAuthentication(VaultToken.of("hvs.static")));
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.static");
		assertThat(manager.getTokenState().loginObtained()).isFalse();
		manager.close();
		assertThat(this.vault.count(DefaultSessionManager.REVOKE_SELF)).isZero();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void configuredTokenThatNeverExpiresIsLoggedReadably(CapturedOutput output) {
		this.vault.on(TokenLookup.LOOKUP_SELF,
				(request) -> FakeVault.data(Map.of("ttl", 0, "renewable", false, "type", "service")));
		DefaultSessionManager manager = manager(new TokenAuthentication(VaultToken.of("hvs.static")));
		manager.getToken();
		assertThat(output).contains("The Vault token (token authentication) does not expire; no renewal scheduled")
			.doesNotContain("hvs.static");
	}

	@Test
	void closeBeforeAnyLoginSendsNothing() {
		DefaultSessionManager manager = manager(approle(300, true));
		manager.close();
		assertThat(this.vault.requests).isEmpty();
	}

	@Test
	void renewsARenewableConfiguredToken() {
		this.vault.on(TokenLookup.LOOKUP_SELF,
				(request) -> FakeVault.data(Map.of("ttl", 300, "renewable", true, "type", "service")));
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> FakeVault.auth("x", 300, true));
		DefaultSessionManager manager = manager(new TokenAuthentication(VaultToken.of("hvs.static")));
		manager.getToken();
		this.scheduler.advance(Duration.ofSeconds(200));
		assertThat(this.vault.count(DefaultSessionManager.RENEW_SELF)).isOne();
		assertThat(this.vault.count(TokenLookup.LOOKUP_SELF)).isOne();
	}

	@Test
	void expiredConfiguredTokenFailsClearly() {
		this.vault.on(TokenLookup.LOOKUP_SELF,
				(request) -> FakeVault.data(Map.of("ttl", 60, "renewable", false, "type", "service")));
		DefaultSessionManager manager = manager(new TokenAuthentication(VaultToken.of("hvs.static")));
		manager.getToken();
		this.scheduler.advance(Duration.ofSeconds(61));
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(manager::getToken)
			.withMessageContaining("configured Vault token expired")
			.withMessageNotContaining("hvs.static");
	}

	@Test
	void expiredLoginTokenIsReplacedOnTheCallersPath() {
		DefaultSessionManager manager = manager(approle(60, false));
		this.scheduler.clock.set(this.scheduler.clock.instant());
		manager.getToken();
		this.vault.on(LOGIN, (request) -> {
			throw FakeVault.badRequest(request, "invalid role or secret ID");
		});
		this.scheduler.advance(Duration.ofSeconds(61));
		this.vault.on(LOGIN, (request) -> FakeVault.auth("hvs.fresh", 60, false));
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.fresh");
	}

	@Test
	void backgroundLoginFailureKeepsTheCurrentTokenAndRetries() {
		DefaultSessionManager manager = manager(approle(300, false));
		manager.getToken();
		this.vault.on(LOGIN, (request) -> {
			throw new VaultServerException(request.getOperation(), request.getPath(), 503, List.of("down"), null);
		});
		this.scheduler.advance(Duration.ofSeconds(200));
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-1");
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(1));
		this.vault.on(LOGIN, (request) -> FakeVault.auth("hvs.later", 300, false));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.later");
		assertThat(this.events).contains("login-failure:approle");
	}

	@Test
	void rejectionWithInvalidTokenLogsInAgainWithoutLookup() {
		DefaultSessionManager manager = manager(approle(300, true));
		VaultToken first = manager.getToken();
		VaultRequest read = VaultRequest.get("secret/data/x").build();
		VaultToken next = manager.handleRejection(first, FakeVault.invalidToken(read));
		assertThat(next.getToken()).isEqualTo("hvs.login-2");
		assertThat(manager.getToken()).isEqualTo(next);
		assertThat(this.vault.count(TokenLookup.LOOKUP_SELF)).isZero();
		assertThat(this.events).containsExactly("login:approle", "expired", "login:approle");
	}

	@Test
	void rejectionConfirmedByLookupSelfLogsInAgain() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		VaultToken first = manager.getToken();
		VaultToken next = manager.handleRejection(first, FakeVault.denied(VaultRequest.get("secret/data/x").build()));
		assertThat(next.getToken()).isEqualTo("hvs.login-2");
		assertThat(FakeVault.token(this.vault.requests(TokenLookup.LOOKUP_SELF).get(0))).isEqualTo("hvs.login-1");
	}

	@Test
	void tokensThatMayNotLookThemselvesUpDoNotCauseALoginPerDenial() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		VaultToken first = manager.getToken();
		VaultToken second = manager.handleRejection(first,
				FakeVault.denied(VaultRequest.get("secret/data/x").build()));
		assertThat(this.vault.requests(TokenLookup.LOOKUP_SELF)).extracting(FakeVault::token)
			.containsExactly("hvs.login-1", "hvs.login-2");
		PermissionDeniedException again = FakeVault.denied(VaultRequest.get("secret/data/x").build());
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> manager.handleRejection(second, again))
			.isSameAs(again);
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
		assertThat(this.vault.count(TokenLookup.LOOKUP_SELF)).isEqualTo(2);
		assertThat(manager.handleRejection(second, FakeVault.invalidToken(VaultRequest.get("secret/data/x").build())))
			.isEqualTo(VaultToken.of("hvs.login-3"));
	}

	@Test
	void lookupSelfSayingInvalidTokenNeedsNoFurtherCheck() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.invalidToken(request);
		});
		VaultToken first = manager.getToken();
		manager.handleRejection(first, FakeVault.denied(VaultRequest.get("secret/data/x").build()));
		assertThat(this.vault.count(TokenLookup.LOOKUP_SELF)).isOne();
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
	}

	@Test
	void policyDenialRethrowsTheCauseWithoutLogin() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("ttl", 100)));
		VaultToken first = manager.getToken();
		PermissionDeniedException cause = FakeVault.denied(VaultRequest.get("secret/data/x").build());
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> manager.handleRejection(first, cause))
			.isSameAs(cause);
		assertThat(this.vault.count(LOGIN)).isOne();
		assertThat(manager.getToken()).isEqualTo(first);
	}

	@Test
	void rejectionOfAnAlreadyReplacedTokenReturnsTheCurrentOne() {
		DefaultSessionManager manager = manager(approle(300, true));
		VaultToken first = manager.getToken();
		VaultToken second = manager.handleRejection(first,
				FakeVault.invalidToken(VaultRequest.get("secret/data/x").build()));
		assertThat(manager.handleRejection(first, FakeVault.invalidToken(VaultRequest.get("secret/data/y").build())))
			.isEqualTo(second);
		assertThat(this.vault.count(LOGIN)).isEqualTo(2);
	}

	@Test
	void loginFailureAfterRejectionIsAnAuthenticationExceptionWithCause() {
		DefaultSessionManager manager = manager(approle(300, true));
		VaultToken first = manager.getToken();
		this.vault.on(LOGIN, (request) -> {
			throw FakeVault.badRequest(request, "invalid role or secret ID");
		});
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> manager.handleRejection(first,
					FakeVault.invalidToken(VaultRequest.get("secret/data/x").build())))
			.withMessageContaining("obtaining a new one with approle failed")
			.withMessageContaining("invalid role or secret ID")
			.withMessageNotContaining("sid")
			.havingCause()
			.isInstanceOf(AuthenticationException.class)
			.withMessageContaining("AppRole");
		this.vault.on(LOGIN, (request) -> FakeVault.auth("hvs.back", 300, true));
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.back");
	}

	@Test
	void rejectedConfiguredTokenFailsClearly() {
		this.vault.on(TokenLookup.LOOKUP_SELF,
				(request) -> FakeVault.data(Map.of("ttl", 0, "renewable", false, "type", "service")));
		DefaultSessionManager manager = manager(new TokenAuthentication(VaultToken.of("hvs.static")));
		VaultToken token = manager.getToken();
		PermissionDeniedException cause = FakeVault.invalidToken(VaultRequest.get("secret/data/x").build());
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> manager.handleRejection(token, cause))
			.withMessageContaining("rejected the configured Vault token")
			.withMessageContaining("configure a new token")
			.withMessageNotContaining("hvs.static")
			.withCause(cause);
		assertThat(this.vault.count(TokenLookup.LOOKUP_SELF)).isOne();
	}

	@Test
	void lookupFailureKeepsTheOriginalDenial() {
		DefaultSessionManager manager = manager(approle(300, true));
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw new VaultServerException(request.getOperation(), request.getPath(), 503, List.of("down"), null);
		});
		VaultToken first = manager.getToken();
		PermissionDeniedException cause = FakeVault.denied(VaultRequest.get("secret/data/x").build());
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> manager.handleRejection(first, cause))
			.isSameAs(cause);
		assertThat(cause.getSuppressed()).hasSize(1);
		assertThat(this.vault.count(LOGIN)).isOne();
	}

	@Test
	void supplierThatReturnsTheRejectedTokenAgainFails() {
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("ttl", 0)));
		DefaultSessionManager manager = manager(SupplierAuthentication.ofToken(() -> VaultToken.of("hvs.same")));
		VaultToken token = manager.getToken();
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("ttl", 0)));
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> manager.handleRejection(token,
					FakeVault.invalidToken(VaultRequest.get("secret/data/x").build())))
			.withMessageContaining("gave the same token again");
	}

	@Test
	void listenerFailuresDoNotBreakTheSessionNorOtherListeners() {
		DefaultSessionManager manager = DefaultSessionManager.builder(approle(300, true), this.vault)
			.scheduler(this.scheduler)
			.clock(this.scheduler.clock)
			.addListener(new SessionListener() {

				@Override
				public void onLogin(String method, TokenState state) {
					throw new IllegalStateException("listener broke");
				}

			})
			.addListener(this.listener)
			.build();
		assertThat(manager.getToken().getToken()).isEqualTo("hvs.login-1");
		assertThat(this.events).containsExactly("login:approle");
	}

	@Test
	void rateLimitedRenewalWaitsAsLongAsVaultAsks() {
		DefaultSessionManager manager = manager(approle(3600, true));
		this.vault.on(DefaultSessionManager.RENEW_SELF, (request) -> {
			throw new RateLimitedException(request.getOperation(), request.getPath(), List.of("rate limit quota exceeded"),
					Duration.ofSeconds(20));
		});
		manager.getToken();
		this.scheduler.advance(Duration.ofSeconds(2400));
		assertThat(this.scheduler.nextDelay()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void loginFailureOnFirstUsePropagatesAndNotifies() {
		VaultClient refusing = (request) -> {
			throw FakeVault.badRequest(request, "invalid role or secret ID");
		};
		DefaultSessionManager manager = DefaultSessionManager
			.builder(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().roleId("r").secretId("s").build()),
					refusing)
			.scheduler(this.scheduler)
			.addListener(this.listener)
			.build();
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(manager::getToken)
			.withMessageContaining("AppRole");
		assertThat(this.events).containsExactly("login-failure:approle");
		assertThat(manager.getTokenState()).isNull();
	}

	@Test
	void defaultSchedulerThreadStopsOnClose() {
		DefaultSessionManager manager = new DefaultSessionManager(approle(300, true), this.vault);
		this.vault.on(DefaultSessionManager.REVOKE_SELF, (request) -> dev.vaultkv.client.VaultResponse.noContent());
		manager.getToken();
		manager.close();
		assertThat(this.vault.count(DefaultSessionManager.REVOKE_SELF)).isOne();
	}

}
