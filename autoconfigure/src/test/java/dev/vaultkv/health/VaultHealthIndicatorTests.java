package dev.vaultkv.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.TokenAuthentication;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;

class VaultHealthIndicatorTests {

	private static EmbeddedVaultServer server;

	private static VaultClient rootClient;

	private final ControllableClock clock = new ControllableClock().freeze();

	@BeforeAll
	static void startServer(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder().flavour(ServerFlavour.Of.test(testInfo)).start();
		rootClient = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void restoreServer() {
		server.unseal();
		server.setStandby(false);
		server.setInitialized(true);
		server.faults().clear();
		server.requestLog().clear();
	}

	private VaultHealthIndicator.Builder indicator() {
		return VaultHealthIndicator.builder(new SysTemplate(rootClient)).clock(this.clock);
	}

	@Test
	void activeServerIsUpWithDetails() {
		Health health = indicator().build().health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("initialized", true)
			.containsEntry("sealed", false)
			.containsEntry("standby", false)
			.containsEntry("version", server.flavour().defaultVersion())
			.containsKey("clusterName")
			.doesNotContainKey("reason");
	}

	@Test
	void sealedServerIsDown() {
		server.seal();
		Health health = indicator().build().health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("sealed", true).containsEntry("reason", "Vault is sealed");
	}

	@Test
	void standbyServerIsUpAndSaysStandby() {
		server.setStandby(true);
		Health health = indicator().build().health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("standby", true);
	}

	@Test
	void uninitializedServerIsOutOfService() {
		server.setInitialized(false);
		Health health = indicator().build().health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("initialized", false)
			.containsEntry("reason", "Vault is not initialized");
	}

	@Test
	void unreachableServerIsDown() {
		EmbeddedVaultServer closed = EmbeddedVaultServer.start();
		closed.close();
		VaultClient client = DefaultVaultClient.builder(closed.getAddress()).build();
		Health health = VaultHealthIndicator.builder(new SysTemplate(client)).build().health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("error")).contains("VaultConnectionException");
	}

	@Test
	void slowServerIsDownAfterTheTimeout() {
		server.faults().delayNext(1, Duration.ofSeconds(3));
		long start = System.nanoTime();
		Health health = indicator().timeout(Duration.ofMillis(200)).build().health();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("error")).isEqualTo("sys/health did not answer within 200ms");
	}

	@Test
	void answerOfSysHealthIsReusedForTheCacheTimeToLive() {
		VaultHealthIndicator indicator = indicator().cacheTtl(Duration.ofSeconds(10)).build();
		for (int i = 0; i < 5; i++) {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		}
		assertThat(server.requestLog().count("GET", "sys/health")).isEqualTo(1);
		server.seal();
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(server.requestLog().count("GET", "sys/health")).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(server.requestLog().count("GET", "sys/health")).isEqualTo(2);
	}

	@Test
	void zeroCacheTimeToLiveAsksOnEveryProbe() {
		VaultHealthIndicator indicator = indicator().cacheTtl(Duration.ZERO).build();
		indicator.health();
		indicator.health();
		assertThat(server.requestLog().count("GET", "sys/health")).isEqualTo(2);
	}

	@Test
	void configuredTokenNearExpiryIsDownWithTheReasonButNeverTheToken() {
		VaultAuth auth = rootClient
			.execute(VaultRequest.post("auth/token/create")
				.body(Map.of("ttl", "120s", "renewable", false, "policies", new String[] { "default" }))
				.build())
			.auth();
		assertThat(auth).isNotNull();
		ControllableClock sessionClock = new ControllableClock().freeze();
		this.clock.freezeAt(sessionClock.instant());
		try (DefaultSessionManager sessionManager = DefaultSessionManager
			.builder(new TokenAuthentication(auth.clientToken()), rootClient)
			.clock(sessionClock)
			.build()) {
			sessionManager.getToken();
			VaultHealthIndicator indicator = indicator().sessionManager(sessionManager)
				.tokenExpiryThreshold(Duration.ofMinutes(1))
				.cacheTtl(Duration.ZERO)
				.build();
			Health fresh = indicator.health();
			assertThat(fresh.getStatus()).isEqualTo(Status.UP);
			assertThat(fresh.getDetails()).containsEntry("tokenRenewable", false)
				.containsEntry("tokenExpires", true)
				.containsKey("tokenExpiresAt");
			assertThat((String) fresh.getDetails().get("tokenTtl")).matches("PT2M|PT1M5\\dS");
			this.clock.advance(Duration.ofSeconds(70));
			Health nearExpiry = indicator.health();
			assertThat(nearExpiry.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) nearExpiry.getDetails().get("reason")).matches("The Vault token expires in (49|50)s .*")
				.contains("vault.authentication");
			this.clock.advance(Duration.ofSeconds(60));
			Health expired = indicator.health();
			assertThat(expired.getStatus()).isEqualTo(Status.DOWN);
			assertThat(expired.getDetails()).containsEntry("reason", "The Vault token has expired")
				.containsEntry("tokenTtl", "PT0S");
			String all = fresh + " " + nearExpiry + " " + expired;
			assertThat(all).doesNotContain(auth.accessor()).doesNotContain(auth.clientToken().getToken());
			assertThat(all).doesNotContain(server.getRootToken());
		}
	}

	@Test
	void tokenThatNeverExpiresHasNoTtlAndSaysSo() {
		try (DefaultSessionManager sessionManager = DefaultSessionManager
			.builder(new TokenAuthentication(VaultToken.of(server.getRootToken())), rootClient)
			.build()) {
			sessionManager.getToken();
			Health health = indicator().sessionManager(sessionManager).build().health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tokenExpires", false)
				.doesNotContainKeys("tokenTtl", "tokenExpiresAt");
		}
	}

	@Test
	void reportsLastSecretReadAndStaleSecrets() {
		SecretLocation location = new SecretLocation("secret", "app/db", 0);
		SecretReadRecorder recorder = new SecretReadRecorder(this.clock);
		VaultHealthIndicator indicator = indicator().readRecorder(recorder)
			.secretStore(new StaleStore(Set.of(location)))
			.build();
		assertThat(indicator.health().getDetails()).doesNotContainKey("lastSecretRead")
			.containsEntry("servingStaleSecrets", true)
			.containsEntry("staleSecrets", 1);
		recorder.onLoad(location, null);
		assertThat(indicator.health().getDetails()).containsEntry("lastSecretRead", this.clock.instant().toString());
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	private record StaleStore(Set<SecretLocation> stale) implements SecretStore {

		@Override
		public @Nullable VersionedSecret read(SecretLocation location) {
			return null;
		}

		@Override
		public void prefetch(Collection<SecretLocation> locations) {
		}

		@Override
		public void invalidate(SecretLocation location) {
		}

		@Override
		public void invalidateAll() {
		}

		@Override
		public Set<SecretLocation> getStaleLocations() {
			return this.stale;
		}

	}

}
