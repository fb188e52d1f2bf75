package dev.vaultkv.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultServerException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.testsupport.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Proves that credentials and tokens never appear in {@code toString()}, exception messages or logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretMaskingTests {

	private static final String TOKEN = "hvs.TOPSECRET-token";

	private static final String SECRET_ID = "TOPSECRET-secret-id";

	private static final String ROLE_ID = "TOPSECRET-role-id";

	private static final String WRAPPING = "hvs.TOPSECRET-wrapping";

	private static final String JWT = "eyJTOPSECRET.jwt.signature";

	private static final String PASSWORD = "TOPSECRET-password";

	@Test
	void toStringOfEveryOptionsObjectMasksCredentials() {
		List<Object> objects = List.of(
				AppRoleAuthenticationOptions.builder().roleId(ROLE_ID).secretId(SECRET_ID).build(),
				AppRoleAuthenticationOptions.builder()
					.wrappedRoleId(CredentialSource.of(WRAPPING))
					.wrappedSecretId(CredentialSource.of(WRAPPING))
					.build(),
				new AppRoleAuthentication(
						AppRoleAuthenticationOptions.builder().roleId(ROLE_ID).secretId(SECRET_ID).build()),
				KubernetesAuthenticationOptions.builder().role("app").jwt(CredentialSource.of(JWT)).build(),
				new KubernetesAuthentication(
						KubernetesAuthenticationOptions.builder().role("app").jwt(CredentialSource.of(JWT)).build()),
				JwtAuthenticationOptions.builder().jwt(JWT).build(),
				new JwtAuthentication(JwtAuthenticationOptions.builder().jwt(JWT).build()),
				UserpassAuthenticationOptions.builder().username("alice").password(PASSWORD).build(),
				UserpassAuthenticationOptions.builder().username("alice").password(PASSWORD.toCharArray()).build(),
				new UserpassAuthentication(
						UserpassAuthenticationOptions.builder().username("alice").password(PASSWORD).build()),
				CertAuthenticationOptions.builder().name("web").build(), new CertAuthentication(),
				new TokenAuthentication(VaultToken.of(TOKEN)),
				SupplierAuthentication.ofToken(() -> VaultToken.of(TOKEN)), CredentialSource.of(SECRET_ID),
				CredentialSource.of(PASSWORD.toCharArray()), CredentialSource.of(() -> SECRET_ID),
				CredentialSource.ofFile(Path.of("/run/secret-id")),
				DefaultSessionManager.builder(new TokenAuthentication(VaultToken.of(TOKEN)), (request) -> null)
					.scheduler((task, delay) -> () -> {
					})
					.build());
		for (Object object : objects) {
			assertThat(object.toString()).as(object.getClass().getSimpleName()).doesNotContain("TOPSECRET");
		}
		assertThat(AppRoleAuthenticationOptions.builder().roleId(ROLE_ID).secretId(SECRET_ID).build())
			.hasToString("AppRoleAuthenticationOptions[path=approle, namespace=null, roleName=null, roleId=****, "
					+ "secretId=****]");
	}

	@Test
	void exceptionsNeverCarryCredentials() {
		List<Throwable> failures = new ArrayList<>();
		VaultClient refusing = (request) -> {
			if (request.getPath().equals(WrappedCredential.UNWRAP)) {
				throw FakeVault.badRequest(request, "wrapping token is not valid or does not exist");
			}
			if (request.getPath().equals(TokenLookup.LOOKUP_SELF)) {
				throw FakeVault.invalidToken(request);
			}
			if (request.getPath().startsWith("auth/kubernetes")) {
				throw new PermissionDeniedException(request.getOperation(), request.getPath(), 403,
						List.of("permission denied"), null);
			}
			throw FakeVault.badRequest(request, "invalid role or secret ID");
		};
		failures.add(catchThrowable(() -> new AppRoleAuthentication(
				AppRoleAuthenticationOptions.builder().roleId(ROLE_ID).secretId(SECRET_ID).build())
			.login(refusing)));
		failures.add(catchThrowable(() -> new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId(ROLE_ID)
			.wrappedSecretId(CredentialSource.of(WRAPPING))
			.build()).login(refusing)));
		failures.add(catchThrowable(() -> new KubernetesAuthentication(
				KubernetesAuthenticationOptions.builder().role("app").jwt(CredentialSource.of(JWT)).build())
			.login(refusing)));
		failures.add(catchThrowable(
				() -> new JwtAuthentication(JwtAuthenticationOptions.builder().jwt(JWT).build()).login(refusing)));
		failures.add(catchThrowable(() -> new UserpassAuthentication(
				UserpassAuthenticationOptions.builder().username("alice").password(PASSWORD).build())
			.login(refusing)));
		failures.add(catchThrowable(() -> new TokenAuthentication(VaultToken.of(TOKEN)).login(refusing)));
		DefaultSessionManager manager = DefaultSessionManager
			.builder(new AppRoleAuthentication(
					AppRoleAuthenticationOptions.builder().roleId(ROLE_ID).secretId(SECRET_ID).build()), refusing)
			.scheduler((task, delay) -> () -> {
			})
			.build();
		failures.add(catchThrowable(manager::getToken));
		failures.add(catchThrowable(() -> manager.handleRejection(VaultToken.of(TOKEN),
				FakeVault.invalidToken(VaultRequest.get("secret/data/x").build()))));
		assertThat(failures).hasSize(8).allSatisfy((failure) -> {
			assertThat(failure).isInstanceOf(AuthenticationException.class);
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				assertThat(cause.toString()).doesNotContain("TOPSECRET");
			}
		});
	}

	@Test
	void logsOfAWholeSessionLifecycleContainNoSecret(CapturedOutput output) {
		FakeVault vault = new FakeVault();
		AtomicInteger logins = new AtomicInteger();
		AtomicInteger renewals = new AtomicInteger();
		vault.on(WrappedCredential.UNWRAP, (request) -> FakeVault.data(Map.of("secret_id", SECRET_ID)));
		vault.on("auth/approle/login", (request) -> {
			if (logins.incrementAndGet() == 3) {
				throw FakeVault.badRequest(request, "invalid role or secret ID");
			}
			return FakeVault.auth(TOKEN + logins.get(), 300, true);
		});
		vault.on(DefaultSessionManager.RENEW_SELF, (request) -> {
			int renewal = renewals.incrementAndGet();
			if (renewal == 1) {
				return FakeVault.auth(TOKEN, 300, true);
			}
			if (renewal == 2) {
				throw new VaultServerException(request.getOperation(), request.getPath(), 503, List.of("busy"), null);
			}
			throw FakeVault.badRequest(request, "past the max TTL, cannot renew");
		});
		vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		vault.on(DefaultSessionManager.REVOKE_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		ManualScheduler scheduler = new ManualScheduler();
		DefaultSessionManager manager = DefaultSessionManager
			.builder(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
				.roleId(ROLE_ID)
				.wrappedSecretId(CredentialSource.of(WRAPPING))
				.build()), vault)
			.scheduler(scheduler)
			.clock(scheduler.clock)
			.build();
		VaultToken first = manager.getToken();
		scheduler.advance(Duration.ofSeconds(200));
		scheduler.advance(Duration.ofSeconds(200));
		scheduler.advance(Duration.ofSeconds(2));
		VaultToken second = manager.getToken();
		assertThat(second).isNotEqualTo(first);
		catchThrowable(() -> manager.handleRejection(second,
				FakeVault.denied(VaultRequest.get("secret/data/x").build())));
		manager.getToken();
		manager.close();
		assertThat(renewals).hasValue(3);
		assertThat(logins.get()).isGreaterThanOrEqualTo(4);
		assertThat(output).contains("Obtained a Vault token with approle")
			.contains("Renewing the Vault token failed")
			.contains("Vault will not renew the token")
			.doesNotContain("TOPSECRET");
	}

}
