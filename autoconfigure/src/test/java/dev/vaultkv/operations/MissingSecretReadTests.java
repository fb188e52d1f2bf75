package dev.vaultkv.operations;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.secret.MissingSecretException;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What each API level answers for a missing secret, on KV version 1 and 2: a generic read returns
 * nothing, a reference that must resolve (placeholder, {@code @Secret}) fails.
 */
@EmbeddedVault(resetBetweenTests = true)
class MissingSecretReadTests {

	private final EmbeddedVaultServer server;

	MissingSecretReadTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@ParameterizedTest
	@ValueSource(strings = { "secret", "kv1" })
	void genericReadsOfAMissingOrDeletedSecretReturnNothing(String mount) {
		VaultClient root = DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build();
		if (mount.equals("kv1")) {
			new SysTemplate(root).enableMount("kv1", MountRequest.kv(KvVersion.V1));
		}
		KvOperations kv = KvTemplate.create(root, mount);
		assertThat(kv.read("myapp/missing")).isNull();
		kv.write("myapp/db", Map.of("password", "s3cr3t"));
		assertThat(kv.read("myapp/db")).isNotNull();
		kv.delete("myapp/db");
		assertThat(kv.read("myapp/db")).isNull();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "vault.kv.mount=" + mount)
			.run()) {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			assertThat(operations.read("myapp/missing")).isNull();
			assertThat(operations.readString("myapp/missing", "password")).isNull();
			assertThat(operations.read("myapp/missing", Map.class)).isNull();
			operations.write("myapp/api", Map.of("key", "k"));
			assertThat(operations.readString("myapp/api", "key")).isEqualTo("k");
			assertThat(operations.readString("myapp/api", "other")).isNull();
			operations.delete("myapp/api");
			assertThat(operations.read("myapp/api")).isNull();
			SecretStore store = context.getBean(SecretStore.class);
			assertThat(store.read(new SecretLocation(mount, "myapp/missing", 0))).isNull();
			SecretResolver resolver = context.getBean(SecretResolver.class);
			assertThatExceptionOfType(MissingSecretException.class)
				.isThrownBy(() -> resolver.getString(SecretReference.parse("myapp/missing:password")));
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
