package dev.vaultkv.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.web.client.RestClient;

import dev.vaultkv.auth.AppRoleAuthentication;
import dev.vaultkv.auth.AppRoleAuthenticationOptions;
import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DefaultVaultClient} failures and namespaces over real HTTP against the embedded Vault server.
 */
class DefaultVaultClientEmbeddedTests {

	private static EmbeddedVaultServer server;

	private static DefaultVaultClient root;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder().secret("secret/app", Map.of("k", "root")).start();
		root = client(null);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void clearFaults() {
		server.faults().clear();
		if (server.isSealed()) {
			server.unseal();
		}
	}

	private static DefaultVaultClient client(String namespace) {
		return DefaultVaultClient.builder(server.getAddress())
			.namespace(namespace)
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.readTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void readsASecret() {
		VaultResponse response = root.execute(VaultRequest.get("secret/data/app").build());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.requireData().get("data").get("k").asString()).isEqualTo("root");
		assertThat(response.requestId()).isNotBlank();
	}

	@Test
	void interceptorsAndObservationsSeeEveryRequestOnTheDefaultRequestFactory() {
		List<String> seen = new CopyOnWriteArrayList<>();
		List<String> templates = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<ClientRequestObservationContext>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ClientRequestObservationContext;
			}

			@Override
			public void onStop(ClientRequestObservationContext context) {
				templates.add(context.getUriTemplate() + " " + context.getCarrier().getURI().getRawPath()
						+ " error=" + context.getError());
			}

		});
		DefaultVaultClient client = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.restClientBuilder(RestClient.builder().observationRegistry(registry))
			.customizer((builder) -> builder.defaultHeader("X-Vault-Token", "not-the-token")
				.requestInterceptor((request, body, execution) -> {
					HttpHeaders headers = request.getHeaders();
					seen.add(request.getMethod() + " " + request.getURI().getRawPath() + " token="
							+ server.getRootToken().equals(headers.getFirst("x-vault-token")) + " tokens="
							+ headers.get("X-Vault-Token").size() + " request=" + headers.getFirst("X-Vault-Request")
							+ " accept=" + headers.getAccept() + " type=" + headers.getContentType());
					return execution.execute(request, body);
				}))
			.build();
		client.execute(VaultRequest.post("secret/data/intercepted").body(Map.of("data", Map.of("k", "v"))).build());
		VaultResponse response = client.execute(VaultRequest.get("secret/data/intercepted").build());
		assertThat(response.requireData().get("data").get("k").asString()).isEqualTo("v");
		assertThat(seen).containsExactly(
				"POST /v1/secret/data/intercepted token=true tokens=1 request=true accept=[application/json] "
						+ "type=application/json",
				"GET /v1/secret/data/intercepted token=true tokens=1 request=true accept=[application/json] type=null");
		assertThat(templates).containsExactly("/v1/{path} /v1/secret/data/intercepted error=null",
				"/v1/{path} /v1/secret/data/intercepted error=null");
	}

	@Test
	void sealedIsTransient() {
		server.seal();
		assertThatExceptionOfType(VaultSealedException.class)
			.isThrownBy(() -> root.execute(VaultRequest.get("secret/data/app").build()))
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue())
			.withMessage("Vault is sealed (GET secret/data/app -> 503): Vault said Vault is sealed");
	}

	@Test
	void serverErrorIsTransient() {
		server.faults().failNext(1, 500, "internal error");
		assertThatExceptionOfType(VaultServerException.class)
			.isThrownBy(() -> root.execute(VaultRequest.get("secret/data/app").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(500);
				assertThat(ex.isTransient()).isTrue();
				assertThat(ex.getErrors()).contains("internal error");
				assertThat(ex.getPath()).isEqualTo("secret/data/app");
			});
		assertThat(root.execute(VaultRequest.get("secret/data/app").build()).status()).isEqualTo(200);
	}

	@Test
	void rateLimitCarriesRetryAfter() {
		server.faults().rateLimitNext(1, Duration.ofSeconds(7));
		assertThatExceptionOfType(RateLimitedException.class)
			.isThrownBy(() -> root.execute(VaultRequest.get("secret/data/app").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(429);
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
				assertThat(ex.isTransient()).isTrue();
			});
	}

	@Test
	void droppedConnectionOfAWriteIsAConnectionFailure() {
		server.faults().dropMatching("secret/data/dropped", 1);
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> root.execute(
					VaultRequest.post("secret/data/dropped").body(Map.of("data", Map.of("k", "v"))).build()))
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@Test
	void truncatedAnswerIsNotParsedAsASecret() {
		server.faults().truncateNext(1);
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> root.execute(VaultRequest.get("secret/data/app").build()))
			.isInstanceOfAny(MalformedResponseException.class, VaultConnectionException.class);
	}

	@Test
	void slowAnswerTimesOut() {
		DefaultVaultClient impatient = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.readTimeout(Duration.ofMillis(200))
			.build();
		server.faults().delayMatching("secret/data/app", 1, Duration.ofSeconds(2));
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> impatient.execute(VaultRequest.get("secret/data/app").build()))
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
	}

	@Test
	void refusedConnectionIsAConnectionFailure() {
		java.net.URI closed;
		try (EmbeddedVaultServer gone = EmbeddedVaultServer.builder().start()) {
			closed = gone.getAddress();
		}
		DefaultVaultClient client = DefaultVaultClient.builder(closed)
			.tokenProvider(TokenProvider.of(VaultToken.of("t")))
			.build();
		assertThatExceptionOfType(VaultConnectionException.class)
			.isThrownBy(() -> client.execute(VaultRequest.get("secret/data/app").build()))
			.withMessageContaining("secret/data/app");
	}

	@Test
	void answerAboveTheSizeLimitIsRefused() {
		root.execute(VaultRequest.post("secret/data/large")
			.body(Map.of("data", Map.of("blob", "x".repeat(64 * 1024))))
			.build());
		DefaultVaultClient limited = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.maxResponseSize(org.springframework.util.unit.DataSize.ofKilobytes(16))
			.build();
		assertThatExceptionOfType(MalformedResponseException.class)
			.isThrownBy(() -> limited.execute(VaultRequest.get("secret/data/large").build()))
			.withMessageContaining("larger than the limit of 16384 bytes")
			.withMessageNotContaining("xxxx");
		assertThat(limited.execute(VaultRequest.get("secret/data/app").build()).status()).isEqualTo(200);
	}

	@Test
	void unknownMountIsMountNotFound() {
		assertThatExceptionOfType(MountNotFoundException.class)
			.isThrownBy(() -> KvTemplate.create(root, "no-such-mount", KvVersion.V2).read("app"))
			.withMessageContaining("no-such-mount");
	}

	@Test
	void absentSecretIsNotFound() {
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> root.execute(VaultRequest.get("secret/data/absent").build()));
	}

	@Test
	void namespacesIsolateSecrets() {
		root.execute(VaultRequest.post("sys/namespaces/ns1").body(Map.of()).build());
		DefaultVaultClient ns1 = client("ns1");
		new SysTemplate(ns1).enableMount("secret", MountRequest.kv(KvVersion.V2));
		KvTemplate inNamespace = KvTemplate.create(ns1, "secret");
		KvTemplate inRoot = KvTemplate.create(root, "secret");
		inNamespace.write("only-ns1", Map.of("k", "ns1"));
		inRoot.write("only-root", Map.of("k", "root"));
		assertThat(inNamespace.read("only-ns1").data().getString("k")).isEqualTo("ns1");
		assertThat(inRoot.read("only-ns1")).isNull();
		assertThat(inNamespace.read("only-root")).isNull();
		assertThat(inNamespace.read("app")).isNull();
		assertThat(root.execute(VaultRequest.get("secret/data/only-ns1").namespace("ns1").build())
			.requireData().get("data").get("k").asString()).isEqualTo("ns1");
		assertThat(ns1.execute(VaultRequest.get("secret/data/app").namespace("").build())
			.requireData().get("data").get("k").asString()).isEqualTo("root");
	}

	@Test
	void loginInAParentNamespaceAndReadInAChild() {
		root.execute(VaultRequest.post("sys/namespaces/parent").body(Map.of()).build());
		DefaultVaultClient parent = client("parent");
		parent.execute(VaultRequest.post("sys/namespaces/team").body(Map.of()).build());
		DefaultVaultClient child = client("parent/team");
		new SysTemplate(child).enableMount("secret", MountRequest.kv(KvVersion.V2));
		KvTemplate.create(child, "secret").write("app", Map.of("k", "team"));
		SysTemplate parentSys = new SysTemplate(parent);
		parentSys.writePolicy("team-reader", "path \"team/secret/data/*\" { capabilities = [\"read\"] }");
		parentSys.enableAuth("approle", MountRequest.of("approle"));
		parent.execute(VaultRequest.post("auth/approle/role/app").body(Map.of("token_policies", "team-reader")).build());
		String roleId = parent.execute(VaultRequest.get("auth/approle/role/app/role-id").build())
			.requireData()
			.get("role_id")
			.asString();
		String secretId = parent.execute(VaultRequest.post("auth/approle/role/app/secret-id").body(Map.of()).build())
			.requireData()
			.get("secret_id")
			.asString();
		DefaultVaultClient loginClient = DefaultVaultClient.builder(server.getAddress()).namespace("parent/team")
			.build();
		try (DefaultSessionManager session = DefaultSessionManager
			.builder(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
				.roleId(roleId)
				.secretId(secretId)
				.namespace("parent")
				.build()), loginClient)
			.scheduler((task, delay) -> () -> {
			})
			.build()) {
			DefaultVaultClient app = DefaultVaultClient.builder(server.getAddress())
				.namespace("parent/team")
				.tokenProvider(session)
				.build();
			assertThat(KvTemplate.create(app, "secret", KvVersion.V2).read("app").data().getString("k"))
				.isEqualTo("team");
			assertThat(server.requestLog()
				.count((entry) -> entry.path().equals("auth/approle/login") && entry.namespace().equals("parent")))
				.isOne();
			assertThatExceptionOfType(PermissionDeniedException.class)
				.isThrownBy(() -> app.execute(VaultRequest.get("secret/data/app").namespace("").build()));
		}
	}

	@Test
	void tokenOfAChildNamespaceCannotReadInTheParent() {
		root.execute(VaultRequest.post("sys/namespaces/iso").body(Map.of()).build());
		DefaultVaultClient iso = client("iso");
		new SysTemplate(iso).writePolicy("all", "path \"*\" { capabilities = [\"read\"] }");
		VaultToken token = iso.execute(VaultRequest.post("auth/token/create")
			.body(Map.of("policies", List.of("all")))
			.build()).requireAuth().clientToken();
		DefaultVaultClient child = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(token))
			.build();
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> child.execute(VaultRequest.get("secret/data/app").build()));
	}

}
