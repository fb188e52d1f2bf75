package dev.vaultkv.autoconfigure.diagnostics;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultNotInitializedException;
import dev.vaultkv.client.VaultSealedException;
import dev.vaultkv.secret.InvalidSecretReferenceException;
import dev.vaultkv.secret.MissingSecretException;
import dev.vaultkv.secret.SecretConversionException;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReference;

import static org.assertj.core.api.Assertions.assertThat;

class VaultFailureAnalyzersTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("vault.uri",
			"https://vault.example.com:8200");

	@Test
	void connectionFailureNamesTheAddressAndTheProperty() {
		FailureAnalysis analysis = new VaultConnectionFailureAnalyzer(this.environment).analyze(wrap(
				new VaultConnectionException("GET", "secret/data/myapp/db", 0, List.of(), null)));
		assertThat(analysis.getDescription()).contains("https://vault.example.com:8200").contains("vault.uri");
		assertThat(analysis.getAction()).contains("vault.uri").contains("VAULT_ADDR");
	}

	@Test
	void connectionFailureNamesVaultAddrWhenUsed() {
		MockEnvironment environment = new MockEnvironment().withProperty("VAULT_ADDR", "http://127.0.0.1:8200");
		FailureAnalysis analysis = new VaultConnectionFailureAnalyzer(environment)
			.analyze(new VaultConnectionException("GET", "sys/health", 0, List.of(), null));
		assertThat(analysis.getDescription()).contains("http://127.0.0.1:8200").contains("VAULT_ADDR");
	}

	@Test
	void analyzersWorkWithoutEnvironmentAsBootCreatesThemWhenConfigDataFails() {
		FailureAnalysis connection = new VaultConnectionFailureAnalyzer(null)
			.analyze(new VaultConnectionException("GET", "sys/health", 0, List.of(), null));
		assertThat(connection.getDescription()).contains("the configured address");
		FailureAnalysis login = new VaultAuthenticationFailureAnalyzer(null).analyze(new AuthenticationException(
				"POST", "auth/approle/login", 400, List.of("invalid role or secret ID"), null));
		assertThat(login.getAction()).contains("vault.app-role.role-id");
		FailureAnalysis denied = new VaultPermissionDeniedFailureAnalyzer(null).analyze(
				new PermissionDeniedException("GET", "secret/data/myapp/db", 403, List.of("invalid token"), null));
		assertThat(denied.getAction()).contains("vault.token");
		FailureAnalysis sealed = new VaultSealedFailureAnalyzer(null)
			.analyze(new VaultSealedException("GET", "secret/data/x", 503, List.of("Vault is sealed"), null));
		assertThat(sealed.getDescription()).contains("the configured address");
	}

	@Test
	void permissionDeniedGivesThePolicyToGrant() {
		FailureAnalysis analysis = new VaultPermissionDeniedFailureAnalyzer(this.environment).analyze(wrap(
				new PermissionDeniedException("GET", "secret/data/myapp/db", 403, List.of("permission denied"), null)));
		assertThat(analysis.getDescription()).contains("secret/data/myapp/db");
		assertThat(analysis.getAction()).contains("path \"secret/data/myapp/db\"")
			.contains("capabilities = [\"read\"]");
	}

	@Test
	void invalidTokenPointsAtTheCredentials() {
		FailureAnalysis analysis = new VaultPermissionDeniedFailureAnalyzer(
				this.environment.withProperty("vault.authentication", "approle"))
			.analyze(new PermissionDeniedException("GET", "secret/data/myapp/db", 403, List.of("invalid token"), null));
		assertThat(analysis.getDescription()).contains("invalid or expired");
		assertThat(analysis.getAction()).contains("vault.app-role.role-id");
	}

	@Test
	void missingKeyNamesPathAndKey() {
		FailureAnalysis analysis = new VaultSecretNotFoundFailureAnalyzer()
			.analyze(wrap(new MissingSecretException(new SecretLocation("secret", "myapp/db", 0), "password")));
		assertThat(analysis.getDescription()).contains("'myapp/db'").contains("'password'").contains("'secret'");
		assertThat(analysis.getAction()).contains("vault kv patch -mount=secret myapp/db password=...");
	}

	@Test
	void missingSecretNamesPath() {
		FailureAnalysis analysis = new VaultSecretNotFoundFailureAnalyzer()
			.analyze(new MissingSecretException(new SecretLocation("kv", "myapp/db", 3), null));
		assertThat(analysis.getDescription()).contains("'myapp/db' version 3 on mount 'kv'");
		assertThat(analysis.getAction()).contains("vault kv put -mount=kv myapp/db");
	}

	@Test
	void otherNotFound() {
		FailureAnalysis analysis = new VaultSecretNotFoundFailureAnalyzer()
			.analyze(new SecretNotFoundException("GET", "secret/data/x", 404, List.of(), null));
		assertThat(analysis.getDescription()).contains("secret/data/x");
	}

	@Test
	void sealed() {
		FailureAnalysis analysis = new VaultSealedFailureAnalyzer(this.environment)
			.analyze(new VaultSealedException("GET", "secret/data/x", 503, List.of("Vault is sealed"), null));
		assertThat(analysis.getDescription()).contains("sealed").contains("https://vault.example.com:8200");
		assertThat(analysis.getAction()).contains("vault operator unseal");
	}

	@Test
	void notInitializedSaysToInitializeAndUnsealOrFixTheAddress() {
		FailureAnalysis analysis = new VaultNotInitializedFailureAnalyzer(this.environment).analyze(
				wrap(new VaultNotInitializedException("GET", "secret/data/x", 501, List.of(), null)));
		assertThat(analysis.getDescription()).contains("Vault is not initialized: run vault operator init")
			.contains("https://vault.example.com:8200");
		assertThat(analysis.getAction()).contains("vault operator init")
			.contains("vault operator unseal")
			.contains("vault.uri");
	}

	@Test
	void notInitializedAtLoginIsAnalyzedAsNotInitializedByTheRegisteredAnalyzers() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, this.environment),
					FailureHandler.handleMessage((message, ex) -> {
					}))
			.stream()
			.filter((analyzer) -> analyzer.getClass().getName().startsWith("dev.vaultkv."))
			.toList();
		Exception failure = wrap(
				new VaultNotInitializedException("POST", "auth/approle/login", 501, List.of(), null));
		FailureAnalysis analysis = analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter((candidate) -> candidate != null)
			.findFirst()
			.orElseThrow();
		assertThat(analysis.getDescription()).contains("is not initialized");
		assertThat(analysis.getAction()).contains("vault operator init");
	}

	@Test
	void badCredentialsNameTheMethodAndProperties() {
		FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(
				this.environment.withProperty("vault.authentication", "userpass"))
			.analyze(wrap(new AuthenticationException("POST", "auth/userpass/login/app", 400,
					List.of("invalid username or password"), null)));
		assertThat(analysis.getDescription()).contains("userpass").contains("invalid username or password");
		assertThat(analysis.getAction()).contains("vault.userpass.username").contains("vault.userpass.password");
	}

	@Test
	void invalidReferenceShowsTheSyntax() {
		FailureAnalysis analysis = new VaultInvalidReferenceFailureAnalyzer()
			.analyze(new InvalidSecretReferenceException("myapp/db:", "the key after ':' is empty"));
		assertThat(analysis.getDescription()).contains("myapp/db:");
		assertThat(analysis.getAction()).contains("[mount//]path[#version][:key]");
	}

	@Test
	void conversionFailureNamesTheBean() {
		SecretConversionException cause = new SecretConversionException(SecretReference.parse("myapp/db:port"), "int",
				"the value is not valid for this type (NumberFormatException)");
		FailureAnalysis analysis = new VaultSecretConversionFailureAnalyzer()
			.analyze(new BeanCreationException("dataSource", "Cannot inject @Secret", cause));
		assertThat(analysis.getDescription()).contains("dataSource").contains("myapp/db:port");
	}

	private static Exception wrap(Exception cause) {
		return new BeanCreationException("someBean", "Failed", cause);
	}

}
