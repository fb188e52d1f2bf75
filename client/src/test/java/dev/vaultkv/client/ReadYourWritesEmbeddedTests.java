package dev.vaultkv.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.auth.UserpassAuthenticationOptions;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.cluster.ClusterNode;
import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionConflictException;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Read-your-writes ({@link DefaultVaultClient.Builder#readYourWrites}) against the embedded cluster:
 * three nodes, two performance standbys answering KV reads from a copy that lags 5 seconds behind the
 * active node on the cluster clock, which only the tests move.
 */
class ReadYourWritesEmbeddedTests {

	private static final Duration LAG = Duration.ofSeconds(5);

	private EmbeddedVaultCluster cluster;

	private ClusterNode active;

	private ClusterNode standby;

	@AfterEach
	void close() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	private void startCluster() {
		ControllableClock clock = new ControllableClock();
		clock.freezeAt(Instant.parse("2026-01-01T00:00:00Z"));
		this.cluster = EmbeddedVaultCluster.builder()
			.nodes(3)
			.performanceStandbys(2)
			.replicationLag(LAG)
			.clock(clock)
			.start();
		this.active = this.cluster.node(0);
		this.standby = this.cluster.node(1);
		assertThat(this.standby.role().name()).isEqualTo("PERFORMANCE_STANDBY");
		this.cluster.putSecret("secret/app", Map.of("password", "v1"));
		this.cluster.clock().advance(LAG);
	}

	private DefaultVaultClient.Builder builder(ClusterNode node) {
		return DefaultVaultClient.builder(node.address())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.cluster.getRootToken())))
			.readTimeout(Duration.ofSeconds(5));
	}

	private static String password(KvTemplate kv) {
		VersionedSecret secret = kv.read("app");
		assertThat(secret).isNotNull();
		return secret.data().getString("password");
	}

	private int readsServedByActive() {
		return this.active.requestLog().count("GET", "secret/data/app");
	}

	@Test
	void withoutReadYourWritesAStandbyAnswersFromBeforeTheWrite() {
		startCluster();
		KvTemplate kv = new KvTemplate(builder(this.standby).build(), "secret", KvVersion.V2);
		kv.write("app", Map.of("password", "v2"));
		assertThat(password(kv)).isEqualTo("v1");
		assertThat(kv.readMetadata("app").currentVersion()).isEqualTo(1);
		// a check-and-set on the version read fails: the write it would build on is older than ours
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> kv.write("app", Map.of("password", "v3"), 1));
	}

	@Test
	void withReadYourWritesTheStandbyForwardsUntilItHasCaughtUp() {
		startCluster();
		ReplicationStateStore store = new ReplicationStateStore();
		KvTemplate kv = new KvTemplate(builder(this.standby).readYourWrites(store).build(), "secret", KvVersion.V2);
		assertThat(password(kv)).isEqualTo("v1");
		// nothing seen yet, nothing required: the standby answered itself
		assertThat(readsServedByActive()).isZero();
		kv.write("app", Map.of("password", "v2"));
		assertThat(store.getStates()).singleElement()
			.satisfies((state) -> assertThat(state.clusterId()).isEqualTo(this.cluster.getClusterId()))
			.satisfies((state) -> assertThat(state.localIndex()).isEqualTo(this.cluster.index()));
		assertThat(password(kv)).isEqualTo("v2");
		assertThat(kv.readMetadata("app").currentVersion()).isEqualTo(2);
		kv.write("app", Map.of("password", "v3"), 2);
		assertThat(password(kv)).isEqualTo("v3");
		assertThat(readsServedByActive()).isEqualTo(2);
		// once the standby has caught up it answers again
		this.cluster.clock().advance(LAG);
		assertThat(password(kv)).isEqualTo("v3");
		assertThat(readsServedByActive()).isEqualTo(2);
		assertThat(this.standby.requestLog().count("GET", "secret/data/app")).isEqualTo(4);
	}

	@Test
	void withFailTheStandbyAnswers412AndTheClientRetriesWithBackOff() {
		startCluster();
		ReplicationStateStore store = new ReplicationStateStore();
		AtomicInteger waits = new AtomicInteger();
		// each back-off lets a second pass on the cluster clock instead of sleeping
		BackOff clockBackOff = () -> () -> {
			waits.incrementAndGet();
			this.cluster.clock().advance(Duration.ofSeconds(1));
			return 0;
		};
		KvTemplate kv = new KvTemplate(builder(this.standby).readYourWrites(store)
			.inconsistentStateHandling(InconsistentStateHandling.FAIL)
			.consistencyBackOff(clockBackOff)
			.build(), "secret", KvVersion.V2);
		kv.write("app", Map.of("password", "v2"));
		assertThat(password(kv)).isEqualTo("v2");
		assertThat(waits).hasValue(5);
		assertThat(this.standby.requestLog().count((entry) -> entry.status() == 412)).isEqualTo(5);
		assertThat(readsServedByActive()).isZero();
	}

	@Test
	void whenTheBackOffGivesUpTheReadFailsRatherThanAnswerStale() {
		startCluster();
		ReplicationStateStore store = new ReplicationStateStore();
		BackOff twice = () -> new BackOffExecution() {

			private int left = 2;

			@Override
			public long nextBackOff() {
				return (this.left-- > 0) ? 0 : STOP;
			}

		};
		KvTemplate kv = new KvTemplate(builder(this.standby).readYourWrites(store)
			.inconsistentStateHandling(InconsistentStateHandling.FAIL)
			.consistencyBackOff(twice)
			.build(), "secret", KvVersion.V2);
		kv.write("app", Map.of("password", "v2"));
		assertThatExceptionOfType(PreconditionFailedException.class).isThrownBy(() -> kv.read("app"))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(3))
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue())
			.withMessageStartingWith(
					"The Vault node has not caught up with this client's earlier writes (X-Vault-Index) (GET secret/data/app -> 412)")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(store.getHeaders().get(0)));
	}

	@Test
	void aLoginRecordedByTheLoginClientIsRequiredByTheApplicationClient() {
		startCluster();
		DefaultVaultClient root = builder(this.active).build();
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/app")
			.body(Map.of("password", "pw", "policies", List.of("root")))
			.build());
		this.cluster.clock().advance(LAG);
		ReplicationStateStore store = new ReplicationStateStore();
		DefaultVaultClient loginClient = DefaultVaultClient.builder(this.standby.address())
			.readYourWrites(store)
			.build();
		DefaultSessionManager session = DefaultSessionManager
			.builder(new UserpassAuthentication(
					UserpassAuthenticationOptions.builder().username("app").password("pw").build()), loginClient)
			.build();
		try {
			DefaultVaultClient client = DefaultVaultClient.builder(this.standby.address())
				.tokenProvider(session)
				.readYourWrites(store)
				.build();
			KvTemplate kv = new KvTemplate(client, "secret", KvVersion.V2);
			session.getToken();
			assertThat(store.isEmpty()).isFalse();
			assertThat(password(kv)).isEqualTo("v1");
			// the standby had not caught up with the login: the read went to the active node
			assertThat(readsServedByActive()).isEqualTo(1);
		}
		finally {
			session.close();
		}
	}

	@Test
	void withoutReadYourWritesAFreshTokenIsUnknownToTheStandbyThatServesTheRead() {
		startCluster();
		DefaultVaultClient root = builder(this.active).build();
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/app")
			.body(Map.of("password", "pw", "policies", List.of("root")))
			.build());
		this.cluster.clock().advance(LAG);
		DefaultVaultClient loginClient = DefaultVaultClient.builder(this.standby.address()).build();
		DefaultSessionManager session = DefaultSessionManager
			.builder(new UserpassAuthentication(
					UserpassAuthenticationOptions.builder().username("app").password("pw").build()), loginClient)
			.build();
		try {
			KvTemplate kv = new KvTemplate(
					DefaultVaultClient.builder(this.standby.address()).tokenProvider(session).build(), "secret",
					KvVersion.V2);
			// Vault says "invalid token": the session manager logs in again, and the new token is unknown too
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> kv.read("app"))
				.withMessageContaining("turn read-your-writes on");
			assertThat(this.cluster.requestLog().count("POST", "auth/userpass/login/app")).isEqualTo(2);
			this.cluster.clock().advance(LAG);
			assertThat(password(kv)).isEqualTo("v1");
		}
		finally {
			session.close();
		}
	}

	@Test
	void nodeStatusRequestsNeverCarryTheIndex() {
		startCluster();
		ReplicationStateStore store = new ReplicationStateStore();
		List<String> sent = new CopyOnWriteArrayList<>();
		DefaultVaultClient client = builder(this.standby).readYourWrites(store)
			.customizer((rest) -> rest.requestInterceptor((request, body, execution) -> {
				List<String> index = request.getHeaders().get("X-Vault-Index");
				sent.add(request.getURI().getPath() + "=" + ((index != null) ? index.size() : 0));
				return execution.execute(request, body);
			}))
			.build();
		KvTemplate kv = new KvTemplate(client, "secret", KvVersion.V2);
		kv.write("app", Map.of("password", "v2"));
		kv.write("app", Map.of("password", "v3"));
		assertThat(new SysTemplate(client).health().performanceStandby()).isTrue();
		assertThat(sent).containsExactly("/v1/secret/data/app=0", "/v1/secret/data/app=1", "/v1/sys/health=0");
	}

	@Test
	void aServerThatSendsNoIndexGetsNone() {
		try (EmbeddedVaultServer server = EmbeddedVaultServer.builder()
			.secret("secret/app", Map.of("password", "v1"))
			.start()) {
			ReplicationStateStore store = new ReplicationStateStore();
			List<String> sent = new CopyOnWriteArrayList<>();
			DefaultVaultClient client = DefaultVaultClient.builder(server.getAddress())
				.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
				.readYourWrites(store)
				.customizer((rest) -> rest.requestInterceptor((request, body, execution) -> {
					for (String name : List.of("X-Vault-Index", "X-Vault-Inconsistent", "X-Vault-Token")) {
						if (request.getHeaders().getFirst(name) != null) {
							sent.add(name);
						}
					}
					return execution.execute(request, body);
				}))
				.build();
			KvTemplate kv = new KvTemplate(client, "secret", KvVersion.V2);
			kv.write("app", Map.of("password", "v2"));
			assertThat(password(kv)).isEqualTo("v2");
			assertThat(store.isEmpty()).isTrue();
			assertThat(sent).contains("X-Vault-Token").doesNotContain("X-Vault-Index", "X-Vault-Inconsistent");
		}
	}

}
