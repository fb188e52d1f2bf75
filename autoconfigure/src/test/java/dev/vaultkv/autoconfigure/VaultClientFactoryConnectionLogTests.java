package dev.vaultkv.autoconfigure;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.client.DefaultVaultClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Vault the application uses is logged once, when startup completes, without user info or token.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultClientFactoryConnectionLogTests {

	@Test
	void logsTheAddressWithoutUserInfoTheLoginMethodAndTheNamespacesOnce(CapturedOutput output) {
		VaultProperties properties = new VaultProperties();
		properties.setUri("https://operator:p4ssw0rd@vault.example.com:8200");
		properties.setToken("hvs.connection-log-token");
		properties.setNamespace("team-a");
		properties.setAuthenticationNamespace("admin");
		try (VaultClientFactory factory = new VaultClientFactory(properties,
				new PropertiesVaultConnectionDetails(properties, new VaultCliDefaults(new MockEnvironment())),
				(name) -> {
					throw new IllegalStateException(name);
				})) {
			// the client itself refuses an address with user info; the log must not rely on that
			SessionManager session = factory.createSessionManager(factory.createAuthentication(),
					DefaultVaultClient.builder(URI.create("https://vault.example.com:8200")).build());
			assertThat(output).doesNotContain("Using Vault");
			factory.startupCompleted();
			factory.startupCompleted();
			session.close();
		}
		assertThat(output).containsOnlyOnce(
				"Using Vault at https://vault.example.com:8200 (authentication: token, namespace: team-a, login namespace: admin)")
			.doesNotContain("operator")
			.doesNotContain("p4ssw0rd")
			.doesNotContain("hvs.connection-log-token");
	}

}
