package dev.vaultkv.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.auth.UserpassAuthenticationOptions;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The token is revoked on the server while 50 threads keep reading: exactly one re-login, and no read
 * fails.
 */
@Timeout(120)
class TokenStormTests {

	private static final int THREADS = 50;

	private static final String LOGIN_PATH = "auth/userpass/login/storm";

	private EmbeddedVaultServer server;

	private DefaultSessionManager session;

	private KvOperations kv;

	@BeforeEach
	void start() {
		this.server = EmbeddedVaultServer.start();
		this.server.putSecret("secret/storm/app", Map.of("password", "storm-value"));
		VaultClient root = DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/storm")
			.body(Map.of("policy", "path \"secret/data/storm/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/storm")
			.body(Map.of("password", "storm-pa55", "token_policies", List.of("storm")))
			.build());
		UserpassAuthentication authentication = new UserpassAuthentication(
				UserpassAuthenticationOptions.builder().username("storm").password("storm-pa55").build());
		this.session = DefaultSessionManager
			.builder(authentication, DefaultVaultClient.builder(this.server.getAddress()).build())
			.build();
		this.kv = new KvTemplate(
				DefaultVaultClient.builder(this.server.getAddress()).tokenProvider(this.session).build(), "secret",
				KvVersion.V2);
	}

	@AfterEach
	void stop() {
		this.session.close();
		this.server.close();
	}

	@Test
	void revocationDuringConcurrentReadsCausesOneLoginAndNoFailure() throws Exception {
		assertThat(this.kv.read("storm/app")).isNotNull();
		assertThat(this.server.requestLog().count("POST", LOGIN_PATH)).isEqualTo(1);
		CountDownLatch reading = new CountDownLatch(THREADS);
		AtomicBoolean revoked = new AtomicBoolean();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<Integer>> readers = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				readers.add(executor.submit(() -> {
					int readsAfterRevocation = 0;
					boolean first = true;
					while (readsAfterRevocation < 3) {
						boolean afterRevocation = revoked.get();
						VersionedSecret secret = this.kv.read("storm/app");
						assertThat(secret.data().getString("password")).isEqualTo("storm-value");
						if (first) {
							reading.countDown();
							first = false;
						}
						if (afterRevocation) {
							readsAfterRevocation++;
						}
					}
					return readsAfterRevocation;
				}));
			}
			assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();
			this.server.revokeAllTokens();
			revoked.set(true);
			for (Future<Integer> reader : readers) {
				// A failed read surfaces here as an ExecutionException and fails the test.
				assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(3);
			}
		}
		finally {
			executor.shutdownNow();
		}
		await().untilAsserted(() -> assertThat(this.server.requestLog().count("POST", LOGIN_PATH)).isEqualTo(2));
		assertThat(this.server.requestLog().count((entry) -> entry.path().startsWith("secret/data/storm/app")
				&& entry.status() == 403)).isPositive();
	}

}
