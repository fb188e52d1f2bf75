package dev.vaultkv.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretLoader;
import dev.vaultkv.secret.SecretLocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cached secrets keep answering while Vault fails every request, for as long as the maximum staleness
 * allows, and the first refresh after Vault recovers succeeds. The store's ticker is driven by the test
 * and refreshes run on the calling thread, so no test waits for real time to pass.
 */
@Timeout(60)
class OutageTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	private static final Duration REFRESH_AHEAD = Duration.ofSeconds(5);

	private static final Duration MAX_STALENESS = Duration.ofMinutes(10);

	private static final SecretLocation LOCATION = new SecretLocation("secret", "outage/app", 0);

	private final AtomicLong nanos = new AtomicLong();

	private EmbeddedVaultServer server;

	private CachingSecretStore store;

	@BeforeEach
	void start() {
		this.server = EmbeddedVaultServer.start();
		this.server.putSecret("secret/outage/app", Map.of("password", "before"));
		KvOperations kv = new KvTemplate(DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build(), "secret", KvVersion.V2);
		Ticker ticker = this.nanos::get;
		this.store = new CachingSecretStore(SecretLoader.of((mount) -> kv),
				new SecretCacheSettings(TTL, REFRESH_AHEAD, 100, MAX_STALENESS), ticker, Runnable::run);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void servesCachedValuesDuringA503OutageAndRefreshesAfterRecovery() {
		assertThat(password()).isEqualTo("before");
		this.server.faults().failMatching(".*", 503, "Vault is unavailable");
		this.server.putSecret("secret/outage/app", Map.of("password", "after"));
		int failedBefore = failedRequests();
		advance(TTL.minus(REFRESH_AHEAD).plusSeconds(1));
		assertThat(password()).isEqualTo("before");
		advance(TTL);
		assertThat(password()).isEqualTo("before");
		assertThat(this.store.isStale(LOCATION)).isTrue();
		assertThat(this.store.getStaleLocations()).containsExactly(LOCATION);
		for (int minute = 1; minute < MAX_STALENESS.toMinutes(); minute++) {
			advance(Duration.ofMinutes(1));
			assertThat(password()).isEqualTo("before");
		}
		assertThat(failedRequests()).isGreaterThan(failedBefore);
		this.server.faults().clear();
		advance(TTL);
		int readsBefore = successfulReads();
		// This read finds the entry due for refresh; the refresh runs on this thread.
		this.store.read(LOCATION);
		assertThat(successfulReads()).isEqualTo(readsBefore + 1);
		assertThat(password()).isEqualTo("after");
		assertThat(this.store.isStale(LOCATION)).isFalse();
		assertThat(this.store.getStaleLocations()).isEmpty();
	}

	@Test
	void stopsServingOnceMaxStalenessHasPassed() {
		assertThat(password()).isEqualTo("before");
		this.server.faults().failMatching(".*", 503, "Vault is unavailable");
		advance(TTL.plusSeconds(1));
		assertThat(password()).isEqualTo("before");
		advance(MAX_STALENESS);
		assertThatExceptionOfType(VaultException.class).isThrownBy(this::password)
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@Test
	void servesCachedValuesWhileTheServerIsGone() {
		assertThat(password()).isEqualTo("before");
		this.server.close();
		advance(TTL.plusSeconds(1));
		assertThat(password()).isEqualTo("before");
		advance(MAX_STALENESS.minusSeconds(2));
		assertThat(password()).isEqualTo("before");
		assertThat(this.store.isStale(LOCATION)).isTrue();
	}

	private String password() {
		VersionedSecret secret = this.store.read(LOCATION);
		assertThat(secret).isNotNull();
		return secret.data().getString("password");
	}

	private int successfulReads() {
		return this.server.requestLog()
			.count((entry) -> entry.path().equals("secret/data/outage/app") && entry.status() == 200);
	}

	private int failedRequests() {
		return this.server.requestLog().count((entry) -> entry.status() == 503);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
