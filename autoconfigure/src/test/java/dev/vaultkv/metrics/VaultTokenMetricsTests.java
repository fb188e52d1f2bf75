package dev.vaultkv.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultToken;

import static org.assertj.core.api.Assertions.assertThat;

class VaultTokenMetricsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final AtomicReference<@Nullable TokenState> state = new AtomicReference<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void ttlGaugeShowsTheSecondsLeftAndNaNWhenUnknownOrUnbounded() {
		new VaultTokenMetrics(new StubSessionManager(), Clock.fixed(NOW, ZoneOffset.UTC)).bindTo(this.registry);
		assertThat(this.registry.get(VaultTokenMetrics.TTL).gauge().value()).isNaN();
		this.state.set(new TokenState("accessor", NOW.minusSeconds(10), NOW.plus(Duration.ofSeconds(90)), true, true));
		assertThat(this.registry.get(VaultTokenMetrics.TTL).gauge().value()).isEqualTo(90.0);
		this.state.set(new TokenState("accessor", NOW.minusSeconds(10), NOW.minusSeconds(1), true, true));
		assertThat(this.registry.get(VaultTokenMetrics.TTL).gauge().value()).isZero();
		this.state.set(new TokenState("accessor", NOW, null, false, false));
		assertThat(this.registry.get(VaultTokenMetrics.TTL).gauge().value()).isNaN();
		assertThat(this.registry.get(VaultTokenMetrics.TTL).gauge().getId().getTags()).isEmpty();
	}

	@Test
	void sessionEventsAreCounted() {
		VaultSessionMetrics metrics = new VaultSessionMetrics(this.registry);
		TokenState token = new TokenState("accessor", NOW, null, true, true);
		metrics.onLogin("approle", token);
		metrics.onLoginFailure("approle", new PermissionDeniedException("POST", "auth/approle/login", 403,
				java.util.List.of("invalid role or secret ID"), null));
		metrics.onRenewal(token);
		metrics.onRenewal(token);
		metrics.onTokenExpired(token, "expired");
		assertThat(this.registry.get(VaultSessionMetrics.LOGINS).tag("method", "approle").tag("outcome", "success")
			.counter().count()).isEqualTo(1);
		assertThat(this.registry.get(VaultSessionMetrics.LOGINS).tag("method", "approle").tag("outcome", "failure")
			.counter().count()).isEqualTo(1);
		assertThat(this.registry.get(VaultSessionMetrics.RENEWALS).tag("outcome", "success").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get(VaultSessionMetrics.EXPIRATIONS).counter().count()).isEqualTo(1);
		assertThat(this.registry.getMeters()).allSatisfy(
				(meter) -> assertThat(meter.getId().getTags().toString()).doesNotContain("accessor"));
	}

	private final class StubSessionManager implements SessionManager {

		@Override
		public VaultToken getToken() {
			throw new UnsupportedOperationException();
		}

		@Override
		public VaultToken handleRejection(VaultToken rejected, PermissionDeniedException cause) {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable TokenState getTokenState() {
			return VaultTokenMetricsTests.this.state.get();
		}

		@Override
		public void close() {
		}

	}

}
