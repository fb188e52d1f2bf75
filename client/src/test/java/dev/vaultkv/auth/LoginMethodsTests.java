package dev.vaultkv.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.testsupport.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the Kubernetes, JWT, userpass, cert, token and supplier login methods.
 */
class LoginMethodsTests {

	private final FakeVault vault = new FakeVault();

	@Test
	void kubernetesReadsTheServiceAccountTokenOnEveryLogin(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("token");
		Files.writeString(file, "jwt-one\n");
		this.vault.on("auth/kubernetes/login", (request) -> FakeVault.auth("hvs.k8s", 600, true));
		KubernetesAuthentication authentication = new KubernetesAuthentication(
				KubernetesAuthenticationOptions.builder().role("app").jwtFile(file).build());
		authentication.login(this.vault);
		Files.writeString(file, "jwt-two");
		authentication.login(this.vault);
		assertThat(this.vault.requests("auth/kubernetes/login")).extracting(FakeVault::body)
			.containsExactly(Map.of("role", "app", "jwt", "jwt-one"), Map.of("role", "app", "jwt", "jwt-two"));
		assertThat(this.vault.requests.get(0).getAuthentication()).isEqualTo(VaultRequest.Authentication.NONE);
		assertThat(authentication.getMethodName()).isEqualTo("kubernetes");
	}

	@Test
	void kubernetesDefaultsToThePodTokenFile() {
		KubernetesAuthenticationOptions options = KubernetesAuthenticationOptions.builder().role("app").build();
		assertThat(options.getJwt()).hasToString("file:/var/run/secrets/kubernetes.io/serviceaccount/token");
		assertThat(options.getPath()).isEqualTo("kubernetes");
	}

	@Test
	void kubernetesRefusalNamesTheRole() {
		this.vault.on("auth/k8s-prod/login", (request) -> {
			throw new PermissionDeniedException(request.getOperation(), request.getPath(), 403,
					List.of("service account name not authorized"), null);
		});
		KubernetesAuthentication authentication = new KubernetesAuthentication(KubernetesAuthenticationOptions
			.builder()
			.role("app")
			.path("k8s-prod")
			.jwt(CredentialSource.of("eyJhbGciOi.secret.jwt"))
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("Kubernetes login at mount 'k8s-prod' for role 'app'")
			.withMessageContaining("service account name not authorized")
			.withMessageNotContaining("eyJhbGciOi")
			.withCauseInstanceOf(PermissionDeniedException.class);
	}

	@Test
	void kubernetesNeedsARole() {
		assertThatIllegalStateException().isThrownBy(() -> KubernetesAuthenticationOptions.builder().build())
			.withMessageContaining("role");
	}

	@Test
	void jwtFromASupplierWithOptionalRole() {
		AtomicInteger calls = new AtomicInteger();
		this.vault.on("auth/jwt/login", (request) -> FakeVault.auth("hvs.jwt", 600, true));
		JwtAuthentication authentication = new JwtAuthentication(
				JwtAuthenticationOptions.builder().jwtSupplier(() -> "jwt-" + calls.incrementAndGet()).build());
		authentication.login(this.vault);
		authentication.login(this.vault);
		assertThat(this.vault.requests("auth/jwt/login")).extracting(FakeVault::body)
			.containsExactly(Map.of("jwt", "jwt-1"), Map.of("jwt", "jwt-2"));
	}

	@Test
	void jwtWithRoleMountAndNamespace() {
		this.vault.on("auth/oidc/login", (request) -> FakeVault.auth("hvs.jwt", 600, true));
		new JwtAuthentication(JwtAuthenticationOptions.builder()
			.role("ci")
			.jwt("the-jwt")
			.path("oidc")
			.namespace("")
			.build()).login(this.vault);
		VaultRequest request = this.vault.requests.get(0);
		assertThat(FakeVault.body(request)).isEqualTo(Map.of("role", "ci", "jwt", "the-jwt"));
		assertThat(request.getNamespace()).isEmpty();
	}

	@Test
	void jwtSupplierReturningNothingFailsClearly() {
		JwtAuthentication authentication = new JwtAuthentication(
				JwtAuthenticationOptions.builder().jwtSupplier(() -> null).build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("supplier of the JWT returned no value");
	}

	@Test
	void jwtNeedsAJwt() {
		assertThatIllegalStateException().isThrownBy(() -> JwtAuthenticationOptions.builder().role("r").build())
			.withMessageContaining("JWT");
	}

	@Test
	void userpassPostsThePasswordToTheUsersPath() {
		this.vault.on("auth/userpass/login/alice", (request) -> FakeVault.auth("hvs.up", 600, true));
		UserpassAuthentication authentication = new UserpassAuthentication(UserpassAuthenticationOptions.builder()
			.username("alice")
			.password("s3cr3t-pw".toCharArray())
			.build());
		authentication.login(this.vault);
		assertThat(FakeVault.body(this.vault.requests.get(0))).isEqualTo(Map.of("password", "s3cr3t-pw"));
	}

	@Test
	void userpassRefusalHidesThePassword() {
		this.vault.on("auth/userpass/login/alice", (request) -> {
			throw FakeVault.badRequest(request, "invalid username or password");
		});
		UserpassAuthentication authentication = new UserpassAuthentication(
				UserpassAuthenticationOptions.builder().username("alice").password("s3cr3t-pw").build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("userpass login at mount 'userpass'")
			.withMessageContaining("invalid username or password")
			.withMessageNotContaining("s3cr3t-pw");
	}

	@Test
	void userpassRejectsAUsernameWithASlash() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UserpassAuthenticationOptions.builder().username("a/b"));
		assertThatExceptionOfType(dev.vaultkv.client.InvalidPathException.class)
			.isThrownBy(() -> UserpassAuthenticationOptions.builder().username("a%b"));
	}

	@Test
	void certLogsInWithOptionalName() {
		this.vault.on("auth/cert/login", (request) -> FakeVault.auth("hvs.cert", 600, true));
		new CertAuthentication().login(this.vault);
		new CertAuthentication(CertAuthenticationOptions.builder().name("web").build()).login(this.vault);
		assertThat(this.vault.requests).extracting(FakeVault::body).containsExactly(Map.of(), Map.of("name", "web"));
		assertThat(this.vault.requests.get(0).getAuthentication()).isEqualTo(VaultRequest.Authentication.NONE);
	}

	@Test
	void certRefusalSaysToCheckTheClientCertificate() {
		this.vault.on("auth/cert/login", (request) -> {
			throw FakeVault.badRequest(request, "invalid certificate or no client certificate supplied");
		});
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> new CertAuthentication().login(this.vault))
			.withMessageContaining("presents a client certificate");
	}

	@Test
	void tokenAuthenticationLooksTheTokenUp() {
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("accessor", "acc1", "ttl", 1200,
				"renewable", true, "type", "service", "policies", List.of("default", "app"), "meta",
				Map.of("team", "a"), "orphan", true, "entity_id", "e1")));
		VaultAuth auth = new TokenAuthentication(VaultToken.of("hvs.configured"), "team").login(this.vault);
		assertThat(auth.clientToken().getToken()).isEqualTo("hvs.configured");
		assertThat(auth.leaseDuration()).isEqualTo(1200);
		assertThat(auth.renewable()).isTrue();
		assertThat(auth.accessor()).isEqualTo("acc1");
		assertThat(auth.policies()).containsExactly("default", "app");
		assertThat(auth.metadata()).containsEntry("team", "a");
		assertThat(auth.entityId()).isEqualTo("e1");
		VaultRequest request = this.vault.requests.get(0);
		assertThat(FakeVault.token(request)).isEqualTo("hvs.configured");
		assertThat(request.getNamespace()).isEqualTo("team");
	}

	@Test
	void tokenThatMayNotLookItselfUpIsTreatedAsNonExpiring() {
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		VaultAuth auth = new TokenAuthentication(VaultToken.of("hvs.configured")).login(this.vault);
		assertThat(auth.leaseDuration()).isZero();
		assertThat(auth.renewable()).isFalse();
	}

	@Test
	void invalidConfiguredTokenFailsClearly() {
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.invalidToken(request);
		});
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> new TokenAuthentication(VaultToken.of("hvs.configured")).login(this.vault))
			.withMessageContaining("configured Vault token is invalid, expired or revoked")
			.withMessageNotContaining("hvs.configured");
	}

	@Test
	void supplierAuthenticationAsksTheSupplierEachTime() {
		AtomicInteger calls = new AtomicInteger();
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("ttl", 100, "renewable", true)));
		SupplierAuthentication authentication = SupplierAuthentication
			.ofToken(() -> VaultToken.of("hvs.sink-" + calls.incrementAndGet()));
		assertThat(authentication.login(this.vault).clientToken().getToken()).isEqualTo("hvs.sink-1");
		assertThat(authentication.login(this.vault).clientToken().getToken()).isEqualTo("hvs.sink-2");
		assertThat(authentication.canObtainNewToken()).isTrue();
		VaultAuth given = FakeVault.auth("hvs.given", 50, false).auth();
		assertThat(SupplierAuthentication.ofAuth(() -> given).login(this.vault)).isSameAs(given);
	}

	@Test
	void supplierTokensAreNeverRevoked() {
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("ttl", 100, "renewable", true)));
		ManualScheduler scheduler = new ManualScheduler();
		DefaultSessionManager manager = DefaultSessionManager
			.builder(SupplierAuthentication.ofToken(() -> VaultToken.of("hvs.sink")), this.vault)
			.scheduler(scheduler)
			.clock(scheduler.clock)
			.build();
		manager.getToken();
		manager.close();
		assertThat(this.vault.count(DefaultSessionManager.REVOKE_SELF)).isZero();
	}

	@Test
	void mountPathIsNormalized() {
		assertThat(JwtAuthenticationOptions.builder().jwt("j").path("auth/gitlab/").build().getPath())
			.isEqualTo("gitlab");
		assertThatIllegalArgumentException().isThrownBy(() -> JwtAuthenticationOptions.builder().path("/"));
	}

}
