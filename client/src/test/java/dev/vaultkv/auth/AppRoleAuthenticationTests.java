package dev.vaultkv.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.MalformedResponseException;
import dev.vaultkv.client.MountNotFoundException;
import dev.vaultkv.client.VaultRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link AppRoleAuthentication}.
 */
class AppRoleAuthenticationTests {

	private static final String LOGIN = "auth/approle/login";

	private final FakeVault vault = new FakeVault().on(LOGIN, (request) -> FakeVault.auth("hvs.issued", 3600, true));

	@Test
	void logsInWithRoleIdAndSecretIdWithoutToken() {
		AppRoleAuthentication authentication = new AppRoleAuthentication(
				AppRoleAuthenticationOptions.builder().roleId("my-role-id").secretId("my-secret-id").build());
		assertThat(authentication.login(this.vault).clientToken().getToken()).isEqualTo("hvs.issued");
		VaultRequest request = this.vault.requests(LOGIN).get(0);
		assertThat(request.getAuthentication()).isEqualTo(VaultRequest.Authentication.NONE);
		assertThat(request.getNamespace()).isNull();
		assertThat(FakeVault.body(request)).containsExactly(Map.entry("role_id", "my-role-id"),
				Map.entry("secret_id", "my-secret-id"));
		assertThat(authentication.getMethodName()).isEqualTo("approle");
	}

	@Test
	void usesTheConfiguredMountAndAuthNamespace() {
		this.vault.on("auth/team-approle/login", (request) -> FakeVault.auth("hvs.ns", 60, true));
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("r")
			.secretId("s")
			.path("/auth/team-approle/")
			.namespace("parent")
			.build());
		authentication.login(this.vault);
		assertThat(this.vault.requests("auth/team-approle/login").get(0).getNamespace()).isEqualTo("parent");
	}

	@Test
	void sendsNoSecretIdWhenTheRoleBindsNone() {
		new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().roleId("r").noSecretId().build())
			.login(this.vault);
		assertThat(FakeVault.body(this.vault.requests(LOGIN).get(0))).containsOnlyKeys("role_id");
	}

	@Test
	void readsTheSecretIdFileOnEveryLogin(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("secret-id");
		Files.writeString(file, "first-secret\n");
		AppRoleAuthentication authentication = new AppRoleAuthentication(
				AppRoleAuthenticationOptions.builder().roleId("r").secretId(CredentialSource.ofFile(file)).build());
		authentication.login(this.vault);
		Files.writeString(file, "second-secret");
		authentication.login(this.vault);
		assertThat(this.vault.requests(LOGIN)).extracting((request) -> FakeVault.body(request).get("secret_id"))
			.containsExactly("first-secret", "second-secret");
	}

	@Test
	void missingSecretIdFileFailsClearly(@TempDir Path dir) {
		Path file = dir.resolve("absent");
		AppRoleAuthentication authentication = new AppRoleAuthentication(
				AppRoleAuthenticationOptions.builder().roleId("r").secretId(CredentialSource.ofFile(file)).build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("Could not read the AppRole secret_id from file '" + file + "'");
		assertThat(this.vault.requests).isEmpty();
	}

	@Test
	void unwrapsAWrappedSecretIdOnceAndReusesIt() {
		this.vault.on(WrappedCredential.UNWRAP, (request) -> FakeVault.data(Map.of("secret_id", "unwrapped-sid",
				"secret_id_accessor", "acc")));
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("r")
			.wrappedSecretId(CredentialSource.of("hvs.wrapping"))
			.build());
		authentication.login(this.vault);
		authentication.login(this.vault);
		assertThat(this.vault.count(WrappedCredential.UNWRAP)).isOne();
		VaultRequest unwrap = this.vault.requests(WrappedCredential.UNWRAP).get(0);
		assertThat(unwrap.getAuthentication()).isEqualTo(VaultRequest.Authentication.EXPLICIT_TOKEN);
		assertThat(FakeVault.token(unwrap)).isEqualTo("hvs.wrapping");
		assertThat(unwrap.getBody()).isNull();
		assertThat(this.vault.requests(LOGIN)).extracting((request) -> FakeVault.body(request).get("secret_id"))
			.containsExactly("unwrapped-sid", "unwrapped-sid");
	}

	@Test
	void unwrapsANewWrappingTokenWhenTheFileChanges(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("wrapped");
		Files.writeString(file, "hvs.wrap-1");
		this.vault.on(WrappedCredential.UNWRAP,
				(request) -> FakeVault.data(Map.of("secret_id", "sid-for-" + FakeVault.token(request))));
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("r")
			.wrappedSecretId(CredentialSource.ofFile(file))
			.build());
		authentication.login(this.vault);
		Files.writeString(file, "hvs.wrap-2");
		authentication.login(this.vault);
		assertThat(this.vault.count(WrappedCredential.UNWRAP)).isEqualTo(2);
		assertThat(this.vault.requests(LOGIN)).extracting((request) -> FakeVault.body(request).get("secret_id"))
			.containsExactly("sid-for-hvs.wrap-1", "sid-for-hvs.wrap-2");
	}

	@Test
	void usedWrappingTokenSaysWhatToDo() {
		this.vault.on(WrappedCredential.UNWRAP, (request) -> {
			throw FakeVault.badRequest(request, "wrapping token is not valid or does not exist");
		});
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("r")
			.wrappedSecretId(CredentialSource.of("hvs.used-wrapping-token"))
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("already unwrapped (wrapping tokens are single use)")
			.withMessageContaining("provide a freshly wrapped AppRole secret_id")
			.withMessageNotContaining("hvs.used-wrapping-token");
		assertThat(this.vault.count(LOGIN)).isZero();
	}

	@Test
	void wrappingTokenWithoutSecretIdFailsClearly() {
		this.vault.on(WrappedCredential.UNWRAP, (request) -> FakeVault.data(Map.of("foo", "bar")));
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("r")
			.wrappedSecretId(CredentialSource.of("hvs.w"))
			.build());
		assertThatExceptionOfType(MalformedResponseException.class)
			.isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("wraps no 'secret_id'");
	}

	@Test
	void unwrapsAWrappedRoleId() {
		this.vault.on(WrappedCredential.UNWRAP, (request) -> FakeVault.data(Map.of("role_id", "unwrapped-role")));
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.wrappedRoleId(CredentialSource.of("hvs.wrapped-role"))
			.secretId("s")
			.build());
		authentication.login(this.vault);
		authentication.login(this.vault);
		assertThat(this.vault.count(WrappedCredential.UNWRAP)).isOne();
		assertThat(FakeVault.body(this.vault.requests(LOGIN).get(1))).containsEntry("role_id", "unwrapped-role");
	}

	@Test
	void refusedLoginNamesMethodMountAndRoleButNoCredential() {
		this.vault.on(LOGIN, (request) -> {
			throw FakeVault.badRequest(request, "invalid role or secret ID");
		});
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("role-id-value")
			.secretId("secret-id-value")
			.roleName("billing")
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("AppRole")
			.withMessageContaining("mount 'approle'")
			.withMessageContaining("role 'billing'")
			.withMessageContaining("invalid role or secret ID")
			.withMessageNotContaining("secret-id-value")
			.withMessageNotContaining("role-id-value")
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400))
			.havingCause()
			.withMessageContaining("invalid role or secret ID");
	}

	@Test
	void refusalOfAReusedUnwrappedSecretIdHintsAtANewWrappingToken() {
		this.vault.on(WrappedCredential.UNWRAP, (request) -> FakeVault.data(Map.of("secret_id", "sid")));
		AppRoleAuthentication authentication = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder()
			.roleId("r")
			.wrappedSecretId(CredentialSource.of("hvs.w"))
			.build());
		authentication.login(this.vault);
		this.vault.on(LOGIN, (request) -> {
			throw FakeVault.badRequest(request, "invalid role or secret ID");
		});
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("provide a new wrapping token");
	}

	@Test
	void missingMountSaysSo() {
		this.vault.on(LOGIN, (request) -> {
			throw new MountNotFoundException(request.getOperation(), request.getPath(), 404,
					java.util.List.of("no handler for route \"auth/approle/login\". route entry not found."), null);
		});
		AppRoleAuthentication authentication = new AppRoleAuthentication(
				AppRoleAuthenticationOptions.builder().roleId("r").secretId("s").build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(this.vault))
			.withMessageContaining("no auth method is enabled at 'auth/approle/'");
	}

	@Test
	void roleIdIsRequired() {
		assertThatIllegalStateException().isThrownBy(() -> AppRoleAuthenticationOptions.builder().build())
			.withMessageContaining("role_id");
	}

}
