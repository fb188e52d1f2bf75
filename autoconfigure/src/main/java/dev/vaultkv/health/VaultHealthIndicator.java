package dev.vaultkv.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.database.DatabaseCredentialsManager;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.propagation.SecretConsumerStatus;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.sys.HealthStatus;
import dev.vaultkv.sys.SysOperations;

/**
 * {@link HealthIndicator} for Vault, from {@code sys/health}, the session's token and the secret cache.
 * <ul>
 * <li>Unreachable, timed out, or sealed: {@code DOWN}.</li>
 * <li>Not initialized: {@code OUT_OF_SERVICE}: the server answers but an operator has to initialize it
 * before it can serve anything; no retry of the application's will change that.</li>
 * <li>A standby (or performance standby) node: {@code UP} with {@code standby=true}, since Vault forwards
 * or redirects requests to the active node; {@code DOWN} when it says it cannot reach the active node
 * ({@code ha_connection_healthy=false}, Vault 1.19).</li>
 * <li>A token that has expired, or that expires within the token expiry threshold and can be neither
 * renewed further nor replaced by a login (a configured token): {@code DOWN} with the reason.</li>
 * </ul>
 * Details: {@code initialized}, {@code sealed}, {@code standby}, {@code performanceStandby},
 * {@code version}, {@code clusterName}, {@code tokenExpires} (whether the token has an expiry; a root or
 * other token without one has no {@code tokenTtl} and {@code tokenExpiresAt}), {@code tokenTtl} (ISO-8601
 * duration), {@code tokenExpiresAt} (ISO-8601 instant), {@code tokenRenewable}, {@code lastSecretRead}
 * (ISO-8601 instant of the last successful read from Vault, startup reads included),
 * {@code staleSecrets} (a count),
 * {@code servingStaleSecrets} and {@code failingSecretConsumers} (the names of the components that could
 * not take a changed secret; they keep their last good values, so the status stays as it is) and
 * {@code databaseCredentials} (per set: role, {@code ttlSeconds}, generation, last failure). Never the token, its accessor, a secret path or value.
 * <p>
 * {@code sys/health} is asked at most once per cache time to live (probes in between reuse the last
 * answer, while token and cache details are always current), by one request at a time, and a probe
 * waits for it at most the timeout.
 *
 * @since 0.1.0
 */
public final class VaultHealthIndicator implements HealthIndicator {

	private final SysOperations sys;

	private final @Nullable SessionManager sessionManager;

	private final @Nullable SecretStore secretStore;

	private final @Nullable SecretReadRecorder readRecorder;

	private final @Nullable SecretPropagator propagator;

	private final @Nullable DatabaseCredentialsManagers databaseCredentials;

	private final Duration cacheTtl;

	private final Duration timeout;

	private final Duration tokenExpiryThreshold;

	private final Clock clock;

	private final Executor executor;

	private final Object lock = new Object();

	private volatile @Nullable Probe lastProbe;

	private @Nullable CompletableFuture<HealthStatus> inFlight;

	private VaultHealthIndicator(Builder builder) {
		this.sys = builder.sys;
		this.sessionManager = builder.sessionManager;
		this.secretStore = builder.secretStore;
		this.readRecorder = builder.readRecorder;
		this.propagator = builder.propagator;
		this.databaseCredentials = builder.databaseCredentials;
		this.cacheTtl = builder.cacheTtl;
		this.timeout = builder.timeout;
		this.tokenExpiryThreshold = builder.tokenExpiryThreshold;
		this.clock = builder.clock;
		this.executor = builder.executor;
	}

	/**
	 * Return a builder.
	 * @param sys the system operations {@code sys/health} is read with
	 * @return the builder
	 */
	public static Builder builder(SysOperations sys) {
		return new Builder(sys);
	}

	@Override
	public Health health() {
		Probe probe = probe();
		Health.Builder builder = new Health.Builder();
		HealthStatus status = probe.status();
		if (status == null) {
			builder.down().withDetail("error", probe.error());
		}
		else {
			addServerDetails(builder, status);
		}
		addTokenDetails(builder, status != null && !status.sealed() && status.initialized());
		addSecretDetails(builder);
		return builder.build();
	}

	private void addServerDetails(Health.Builder builder, HealthStatus status) {
		if (!status.initialized()) {
			builder.outOfService().withDetail("reason", "Vault is not initialized");
		}
		else if (status.sealed()) {
			builder.down().withDetail("reason", "Vault is sealed");
		}
		else if (status.standby() && !status.haConnectionHealthy()) {
			builder.down().withDetail("reason", "This Vault standby cannot reach the active node");
		}
		else {
			builder.up();
		}
		builder.withDetail("initialized", status.initialized())
			.withDetail("sealed", status.sealed())
			.withDetail("standby", status.standby());
		if (status.performanceStandby()) {
			builder.withDetail("performanceStandby", true);
		}
		if (status.version() != null) {
			builder.withDetail("version", status.version());
		}
		if (status.clusterName() != null) {
			builder.withDetail("clusterName", status.clusterName());
		}
	}

	private void addTokenDetails(Health.Builder builder, boolean serverUp) {
		TokenState state = (this.sessionManager != null) ? this.sessionManager.getTokenState() : null;
		if (state == null) {
			return;
		}
		builder.withDetail("tokenRenewable", state.renewable());
		Instant expiresAt = state.expiresAt();
		builder.withDetail("tokenExpires", expiresAt != null);
		if (expiresAt == null) {
			return;
		}
		Duration remaining = Duration.between(this.clock.instant(), expiresAt);
		builder.withDetail("tokenTtl", (remaining.isNegative() ? Duration.ZERO : remaining).toString())
			.withDetail("tokenExpiresAt", expiresAt.toString());
		if (!serverUp) {
			return;
		}
		if (remaining.isNegative() || remaining.isZero()) {
			builder.down().withDetail("reason", "The Vault token has expired");
		}
		else if (remaining.compareTo(this.tokenExpiryThreshold) < 0 && !state.loginObtained()) {
			builder.down()
				.withDetail("reason", "The Vault token expires in " + remaining.toSeconds()
						+ "s and can be neither renewed further nor replaced by a login: configure a login "
						+ "method (vault.authentication) or a longer-lived token");
		}
	}

	private void addSecretDetails(Health.Builder builder) {
		if (this.readRecorder != null) {
			Instant lastRead = this.readRecorder.getLastSuccessfulRead();
			if (lastRead != null) {
				builder.withDetail("lastSecretRead", lastRead.toString());
			}
		}
		if (this.secretStore != null) {
			int stale = this.secretStore.getStaleLocations().size();
			builder.withDetail("servingStaleSecrets", stale > 0).withDetail("staleSecrets", stale);
		}
		if (this.propagator != null) {
			List<String> failing = this.propagator.getConsumers()
				.stream()
				.filter(SecretConsumerStatus::failing)
				.map(SecretConsumerStatus::name)
				.toList();
			if (!failing.isEmpty()) {
				builder.withDetail("failingSecretConsumers", failing);
			}
		}
		if (this.databaseCredentials != null && !this.databaseCredentials.isEmpty()) {
			Map<String, Object> credentials = new LinkedHashMap<>();
			for (DatabaseCredentialsManager manager : this.databaseCredentials.getManagers()) {
				DatabaseCredentialsManager.Status status = manager.getStatus();
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("role", status.role());
				details.put("ttlSeconds", status.ttlSeconds());
				details.put("generation", status.generation());
				if (status.lastFailure() != null) {
					details.put("lastFailure", status.lastFailure());
				}
				credentials.put(status.name(), details);
			}
			builder.withDetail("databaseCredentials", credentials);
		}
	}

	private Probe probe() {
		Instant now = this.clock.instant();
		Probe last = this.lastProbe;
		if (last != null && now.isBefore(last.at().plus(this.cacheTtl))) {
			return last;
		}
		CompletableFuture<HealthStatus> future;
		synchronized (this.lock) {
			future = this.inFlight;
			if (future == null || future.isDone()) {
				future = new CompletableFuture<>();
				CompletableFuture<HealthStatus> started = future;
				this.executor.execute(() -> {
					try {
						started.complete(this.sys.health());
					}
					catch (Throwable ex) {
						started.completeExceptionally(ex);
					}
				});
				this.inFlight = future;
			}
		}
		Probe probe = await(future);
		this.lastProbe = probe;
		return probe;
	}

	private Probe await(CompletableFuture<HealthStatus> future) {
		try {
			return new Probe(future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS), null, this.clock.instant());
		}
		catch (TimeoutException ex) {
			return failed("sys/health did not answer within " + this.timeout.toMillis() + "ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed("Interrupted while waiting for sys/health");
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return failed(cause.getClass().getName() + ": " + cause.getMessage());
		}
	}

	private Probe failed(String error) {
		return new Probe(null, error, this.clock.instant());
	}

	private record Probe(@Nullable HealthStatus status, @Nullable String error, Instant at) {

	}

	/**
	 * Builder of {@link VaultHealthIndicator}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final SysOperations sys;

		private @Nullable SessionManager sessionManager;

		private @Nullable SecretStore secretStore;

		private @Nullable SecretReadRecorder readRecorder;

		private @Nullable SecretPropagator propagator;

		private @Nullable DatabaseCredentialsManagers databaseCredentials;

		private Duration cacheTtl = Duration.ofSeconds(10);

		private Duration timeout = Duration.ofSeconds(2);

		private Duration tokenExpiryThreshold = Duration.ofMinutes(1);

		private Clock clock = Clock.systemUTC();

		private Executor executor = (task) -> {
			Thread thread = new Thread(task, "vaultkv-health");
			thread.setDaemon(true);
			thread.start();
		};

		private Builder(SysOperations sys) {
			Assert.notNull(sys, "'sys' must not be null");
			this.sys = sys;
		}

		/**
		 * Set the session manager whose token state is reported.
		 * @param sessionManager the session manager, or {@code null}
		 * @return this builder
		 */
		public Builder sessionManager(@Nullable SessionManager sessionManager) {
			this.sessionManager = sessionManager;
			return this;
		}

		/**
		 * Set the secret store whose stale secrets are reported.
		 * @param secretStore the store, or {@code null}
		 * @return this builder
		 */
		public Builder secretStore(@Nullable SecretStore secretStore) {
			this.secretStore = secretStore;
			return this;
		}

		/**
		 * Set the recorder of the last successful secret read.
		 * @param readRecorder the recorder, or {@code null}
		 * @return this builder
		 */
		public Builder readRecorder(@Nullable SecretReadRecorder readRecorder) {
			this.readRecorder = readRecorder;
			return this;
		}

		/**
		 * Set the propagator whose consumers that failed to apply a changed secret are reported.
		 * @param propagator the propagator, or {@code null}
		 * @return this builder
		 */
		public Builder propagator(@Nullable SecretPropagator propagator) {
			this.propagator = propagator;
			return this;
		}

		/**
		 * Set the database credentials whose state is reported.
		 * @param databaseCredentials the managers, or {@code null}
		 * @return this builder
		 */
		public Builder databaseCredentials(@Nullable DatabaseCredentialsManagers databaseCredentials) {
			this.databaseCredentials = databaseCredentials;
			return this;
		}

		/**
		 * Set how long an answer of {@code sys/health} is reused.
		 * @param cacheTtl the time to live, zero to ask on every probe
		 * @return this builder
		 */
		public Builder cacheTtl(Duration cacheTtl) {
			Assert.isTrue(cacheTtl != null && !cacheTtl.isNegative(), "'cacheTtl' must not be negative");
			this.cacheTtl = cacheTtl;
			return this;
		}

		/**
		 * Set how long a probe waits for {@code sys/health}.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be at least 1ms");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set how close to its expiry a token that can be neither renewed nor replaced makes Vault
		 * {@code DOWN}.
		 * @param tokenExpiryThreshold the threshold
		 * @return this builder
		 */
		public Builder tokenExpiryThreshold(Duration tokenExpiryThreshold) {
			Assert.isTrue(tokenExpiryThreshold != null && !tokenExpiryThreshold.isNegative(),
					"'tokenExpiryThreshold' must not be negative");
			this.tokenExpiryThreshold = tokenExpiryThreshold;
			return this;
		}

		/**
		 * Set the clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Set the executor {@code sys/health} is read on, so that a probe can stop waiting.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(Executor executor) {
			Assert.notNull(executor, "'executor' must not be null");
			this.executor = executor;
			return this;
		}

		/**
		 * Build the indicator.
		 * @return the indicator
		 */
		public VaultHealthIndicator build() {
			return new VaultHealthIndicator(this);
		}

	}

}
