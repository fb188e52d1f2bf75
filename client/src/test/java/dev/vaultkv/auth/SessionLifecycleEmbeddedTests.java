package dev.vaultkv.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.EmbeddedClients;
import dev.vaultkv.testsupport.ServerClockScheduler;
import dev.vaultkv.testsupport.ServerFlavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The session lifecycle over HTTP against the embedded Vault server, on the server's controllable clock
 * and a scheduler driven by hand: renewal ahead of expiry, the max TTL, re-login after revocation, the
 * race of many threads on a revoked token, policy denials and revocation on close.
 */
class SessionLifecycleEmbeddedTests {

	private static final String LOGIN = "auth/approle/login";

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static String roleId;

	private static String secretId;

	private ServerClockScheduler scheduler;

	private DefaultSessionManager session;

	private VaultClient app;

	private KvTemplate kv;

	@BeforeAll
	static void start(TestInfo testInfo) {
		server = EmbeddedVaultServer.builder()
			.flavour(ServerFlavour.Of.test(testInfo))
			.clock(new ControllableClock().freeze())
			.secret("secret/app/db", Map.of("password", "s3cr3t"))
			.secret("secret/other/db", Map.of("password", "not yours"))
			.start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		SysTemplate sys = new SysTemplate(root);
		sys.writePolicy("app", "path \"secret/data/app/*\" { capabilities = [\"read\"] }");
		sys.enableAuth("approle", MountRequest.of("approle"));
		root.execute(VaultRequest.post("auth/approle/role/app")
			.body(Map.of("token_policies", "app", "token_ttl", "20m", "token_max_ttl", "1h"))
			.build());
		roleId = EmbeddedClients.roleId(root, "app");
		secretId = EmbeddedClients.secretId(root, "app");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void createSession() {
		this.scheduler = new ServerClockScheduler(server.clock());
		VaultClient loginClient = DefaultVaultClient.builder(server.getAddress()).build();
		this.session = DefaultSessionManager
			.builder(new AppRoleAuthentication(
					AppRoleAuthenticationOptions.builder().roleId(roleId).secretId(secretId).build()), loginClient)
			.scheduler(this.scheduler)
			.clock(server.clock())
			.jitter(0)
			.build();
		this.app = DefaultVaultClient.builder(server.getAddress()).tokenProvider(this.session).build();
		this.kv = KvTemplate.create(this.app, "secret", KvVersion.V2);
		server.requestLog().clear();
	}

	@AfterEach
	void closeSession() {
		this.session.close();
	}

	@Test
	void renewsAheadOfExpiry() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken token = this.session.getToken();
		Instant firstExpiry = this.session.getTokenState().expiresAt();
		assertThat(Duration.between(server.clock().instant(), firstExpiry)).isEqualTo(Duration.ofMinutes(20));
		Duration delay = this.scheduler.nextDelay();
		assertThat(delay).isLessThan(Duration.ofMinutes(20)).isGreaterThan(Duration.ofMinutes(10));
		this.scheduler.advance(delay);
		assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isOne();
		assertThat(this.session.getToken()).isEqualTo(token);
		assertThat(this.session.getTokenState().expiresAt()).isAfter(firstExpiry);
		assertThat(tokenTtl(token)).isEqualTo(Duration.ofMinutes(20));
		assertThat(read()).isEqualTo("s3cr3t");
		assertThat(server.requestLog().count("POST", LOGIN)).isOne();
	}

	@Test
	void renewalCappedAtTheMaxTtlLogsInAgainBeforeExpiry() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken first = this.session.getToken();
		Instant maxExpiry = server.clock().instant().plus(Duration.ofHours(1));
		int runs = 0;
		while (server.requestLog().count("POST", LOGIN) == 1 && runs++ < 20) {
			assertThat(this.scheduler.runNext()).isNotNull();
			assertThat(read()).isEqualTo("s3cr3t");
		}
		assertThat(server.requestLog().count("POST", LOGIN)).isEqualTo(2);
		assertThat(server.clock().instant()).isBefore(maxExpiry);
		assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isGreaterThanOrEqualTo(3);
		VaultToken second = this.session.getToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(tokenTtl(second)).isEqualTo(Duration.ofMinutes(20));
		this.scheduler.advance(Duration.between(server.clock().instant(), maxExpiry));
		assertThat(read()).isEqualTo("s3cr3t");
		assertThat(server.requestLog().count("POST", LOGIN)).isEqualTo(2);
	}

	@Test
	void revokedTokenLogsInOnceAndRetriesTheRequest() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken first = this.session.getToken();
		server.revokeAllTokens();
		server.requestLog().clear();
		assertThat(read()).isEqualTo("s3cr3t");
		assertThat(server.requestLog().count("POST", LOGIN)).isOne();
		assertThat(server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(2);
		assertThat(this.session.getToken()).isNotEqualTo(first);
	}

	@Test
	void manyThreadsOnARevokedTokenCauseExactlyOneLogin() throws Exception {
		assertThat(read()).isEqualTo("s3cr3t");
		server.revokeAllTokens();
		server.requestLog().clear();
		// A slow login keeps the rejected threads arriving while the replacement is obtained.
		server.faults().delayMatching(LOGIN, 1, Duration.ofMillis(300));
		int threads = 100;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<String>> reads = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				reads.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return read();
				}));
			}
			assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			for (Future<String> read : reads) {
				assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("s3cr3t");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(server.requestLog().count("POST", LOGIN)).isOne();
		assertThat(server.requestLog().count((entry) -> entry.path().equals("secret/data/app/db")
				&& entry.status() == 200)).isEqualTo(threads);
		assertThat(server.requestLog().count((entry) -> entry.path().equals("secret/data/app/db")
				&& entry.status() == 403)).isGreaterThan(1);
	}

	@Test
	void policyDenialDoesNotLogIn() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken token = this.session.getToken();
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> this.kv.read("other/db"))
			.satisfies((ex) -> assertThat(ex.isInvalidToken()).isFalse());
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> this.kv.read("other/db"));
		assertThat(server.requestLog().count("POST", LOGIN)).isOne();
		assertThat(this.session.getToken()).isEqualTo(token);
		assertThat(read()).isEqualTo("s3cr3t");
	}

	@Test
	void closeRevokesTheLoginToken() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken token = this.session.getToken();
		assertThat(tokenTtl(token)).isPositive();
		this.session.close();
		assertThat(server.requestLog().count("POST", "auth/token/revoke-self")).isOne();
		// Vault answers a lookup of an unknown token with 403 "bad token".
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> tokenTtl(token))
			.satisfies((ex) -> assertThat(ex.getErrors()).contains("bad token"));
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void closeDoesNotRevokeAConfiguredToken() {
		VaultToken token = appToken();
		try (DefaultSessionManager configured = sessionOn(new TokenAuthentication(token))) {
			VaultClient client = DefaultVaultClient.builder(server.getAddress()).tokenProvider(configured).build();
			assertThat(KvTemplate.create(client, "secret", KvVersion.V2).read("app/db")).isNotNull();
		}
		assertThat(tokenTtl(token)).isPositive();
	}

	@Test
	void renewalWhileSealedIsRetriedAfterUnseal() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken token = this.session.getToken();
		server.seal();
		try {
			this.scheduler.runNext();
			assertThat(server.requestLog().count((entry) -> entry.path().equals("auth/token/renew-self")
					&& entry.status() == 503)).isOne();
			assertThat(this.scheduler.pending()).isOne();
		}
		finally {
			server.unseal();
		}
		this.scheduler.runNext();
		assertThat(server.requestLog().count((entry) -> entry.path().equals("auth/token/renew-self")
				&& entry.status() == 200)).isOne();
		assertThat(this.session.getToken()).isEqualTo(token);
		assertThat(server.requestLog().count("POST", LOGIN)).isOne();
	}

	@Test
	void rateLimitedRenewalWaitsForRetryAfter() {
		assertThat(read()).isEqualTo("s3cr3t");
		server.faults().rateLimitMatching("auth/token/renew-self", 1, Duration.ofSeconds(90));
		this.scheduler.runNext();
		assertThat(this.scheduler.nextDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(90));
		this.scheduler.runNext();
		assertThat(server.requestLog().count((entry) -> entry.path().equals("auth/token/renew-self")
				&& entry.status() == 200)).isOne();
	}

	@Test
	void expiredTokenIsReplacedOnTheNextRequest() {
		assertThat(read()).isEqualTo("s3cr3t");
		VaultToken first = this.session.getToken();
		server.clock().advance(Duration.ofMinutes(21));
		assertThat(read()).isEqualTo("s3cr3t");
		assertThat(this.session.getToken()).isNotEqualTo(first);
		assertThat(server.requestLog().count("POST", LOGIN)).isEqualTo(2);
		assertThat(server.requestLog().count((entry) -> entry.status() == 403)).isZero();
	}

	@Test
	void batchTokensAreReplacedByLoginBeforeTheyExpire() {
		root.execute(VaultRequest.post("auth/approle/role/batch")
			.body(Map.of("token_policies", "app", "token_ttl", "20m", "token_type", "batch"))
			.build());
		String batchRoleId = root.execute(VaultRequest.get("auth/approle/role/batch/role-id").build())
			.requireData()
			.get("role_id")
			.asString();
		String batchSecretId = root
			.execute(VaultRequest.post("auth/approle/role/batch/secret-id").body(Map.of()).build())
			.requireData()
			.get("secret_id")
			.asString();
		try (DefaultSessionManager batch = DefaultSessionManager
			.builder(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
				.roleId(batchRoleId)
				.secretId(batchSecretId)
				.build()), DefaultVaultClient.builder(server.getAddress()).build())
			.scheduler(this.scheduler)
			.clock(server.clock())
			.jitter(0)
			.build()) {
			KvTemplate batchKv = KvTemplate.create(
					DefaultVaultClient.builder(server.getAddress()).tokenProvider(batch).build(), "secret",
					KvVersion.V2);
			assertThat(batchKv.read("app/db")).isNotNull();
			VaultToken first = batch.getToken();
			assertThat(batch.getTokenState().renewable()).isFalse();
			this.scheduler.runNext();
			assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isZero();
			assertThat(batch.getToken()).isNotEqualTo(first);
			assertThat(batchKv.read("app/db")).isNotNull();
		}
	}

	@Test
	void periodicTokensAreRenewedPastTheirPeriod() {
		root.execute(VaultRequest.post("auth/approle/role/periodic")
			.body(Map.of("token_policies", "app", "token_period", "10m"))
			.build());
		try (DefaultSessionManager periodic = appRoleSession("periodic")) {
			VaultToken token = periodic.getToken();
			for (int i = 0; i < 8; i++) {
				assertThat(this.scheduler.runNext()).isLessThan(Duration.ofMinutes(10));
			}
			assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isEqualTo(8);
			assertThat(periodic.getToken()).isEqualTo(token);
			assertThat(tokenTtl(token)).isEqualTo(Duration.ofMinutes(10));
			assertThat(server.requestLog().count("POST", LOGIN)).isOne();
		}
	}

	@Test
	void revokedConfiguredTokenFailsClearlyWithoutRetrying() {
		VaultToken token = appToken();
		try (DefaultSessionManager configured = sessionOn(new TokenAuthentication(token))) {
			KvTemplate configuredKv = KvTemplate.create(
					DefaultVaultClient.builder(server.getAddress()).tokenProvider(configured).build(), "secret",
					KvVersion.V2);
			assertThat(configuredKv.read("app/db")).isNotNull();
			root.execute(VaultRequest.post("auth/token/revoke").body(Map.of("token", token.getToken())).build());
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> configuredKv.read("app/db"))
				.withMessageContaining("configured Vault token")
				.withMessageNotContaining(token.getToken());
		}
	}

	@Test
	void supplierIsAskedAgainForARevokedToken() {
		AtomicInteger supplied = new AtomicInteger();
		try (DefaultSessionManager supplier = sessionOn(SupplierAuthentication.ofToken(() -> {
			supplied.incrementAndGet();
			return appToken();
		}))) {
			KvTemplate supplierKv = KvTemplate.create(
					DefaultVaultClient.builder(server.getAddress()).tokenProvider(supplier).build(), "secret",
					KvVersion.V2);
			assertThat(supplierKv.read("app/db")).isNotNull();
			VaultToken first = supplier.getToken();
			root.execute(VaultRequest.post("auth/token/revoke").body(Map.of("token", first.getToken())).build());
			assertThat(supplierKv.read("app/db")).isNotNull();
			assertThat(supplied).hasValue(2);
			assertThat(supplier.getToken()).isNotEqualTo(first);
		}
	}

	@Test
	void closeAfterServerSideRevocationDoesNotFail() {
		assertThat(read()).isEqualTo("s3cr3t");
		server.revokeAllTokens();
		this.session.close();
		assertThat(server.requestLog().count((entry) -> entry.path().equals("auth/token/revoke-self")
				&& entry.status() == 403)).isOne();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.session::getToken);
	}

	@Test
	void usedUpSecretIdFailsTheReloginClearly() {
		root.execute(VaultRequest.post("auth/approle/role/once")
			.body(Map.of("token_policies", "app", "secret_id_num_uses", 1))
			.build());
		try (DefaultSessionManager once = appRoleSession("once")) {
			KvTemplate onceKv = KvTemplate.create(
					DefaultVaultClient.builder(server.getAddress()).tokenProvider(once).build(), "secret",
					KvVersion.V2);
			assertThat(onceKv.read("app/db")).isNotNull();
			server.revokeAllTokens();
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> onceKv.read("app/db"))
				.withMessageContaining("approle")
				.satisfies((ex) -> assertThat(ex.getErrors()).contains("invalid role or secret ID"));
		}
	}

	private DefaultSessionManager appRoleSession(String role) {
		String id = root.execute(VaultRequest.get("auth/approle/role/" + role + "/role-id").build())
			.requireData()
			.get("role_id")
			.asString();
		String secret = root.execute(VaultRequest.post("auth/approle/role/" + role + "/secret-id").body(Map.of()).build())
			.requireData()
			.get("secret_id")
			.asString();
		return DefaultSessionManager
			.builder(new AppRoleAuthentication(
					AppRoleAuthenticationOptions.builder().roleId(id).secretId(secret).build()),
					DefaultVaultClient.builder(server.getAddress()).build())
			.scheduler(this.scheduler)
			.clock(server.clock())
			.jitter(0)
			.build();
	}

	private String read() {
		return this.kv.read("app/db").data().getString("password");
	}

	private static Duration tokenTtl(VaultToken token) {
		return Duration.ofSeconds(root.execute(VaultRequest.post("auth/token/lookup")
			.body(Map.of("token", token.getToken()))
			.build()).requireData().get("ttl").asLong());
	}

	private static VaultToken appToken() {
		return root.execute(VaultRequest.post("auth/token/create").body(Map.of("policies", "app")).build())
			.requireAuth()
			.clientToken();
	}

	private DefaultSessionManager sessionOn(ClientAuthentication authentication) {
		return DefaultSessionManager.builder(authentication, DefaultVaultClient.builder(server.getAddress()).build())
			.scheduler(this.scheduler)
			.clock(server.clock())
			.build();
	}

}
