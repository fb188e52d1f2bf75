package dev.vaultkv.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@EmbeddedVault(resetBetweenTests = true)
class TenantIsolationIntegrationTests {

	private final EmbeddedVaultServer server;

	TenantIsolationIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	private ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	@Test
	void tenantsByPathCannotReadEachOther() {
		try (ConfigurableApplicationContext context = run()) {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			VaultKvOperations a = operations.forTenant("a");
			VaultKvOperations b = operations.forTenant("b");
			a.write("db", Map.of("password", "a-secret"));
			a.describe("db", "Tenant A's database");
			b.write("db", Map.of("password", "b-secret"));
			a.write("only-a", Map.of("k", "v"));
			assertThat(a.readString("db", "password")).isEqualTo("a-secret");
			assertThat(b.readString("db", "password")).isEqualTo("b-secret");
			assertThat(b.read("only-a")).isNull();
			assertThat(b.readMetadata("only-a")).isNull();
			assertThat(a.getDescription("db")).isEqualTo("Tenant A's database");
			assertThat(b.getDescription("db")).isNull();
			assertThat(a.list("")).containsExactlyInAnyOrder("db", "only-a");
			assertThat(b.list("")).containsExactly("db");
			assertThat(operations.readString("tenants/a/db", "password")).isEqualTo("a-secret");
			assertThatIllegalArgumentException().isThrownBy(() -> b.read("../a/db"));
			assertThatIllegalArgumentException().isThrownBy(() -> b.read("x/../../a/db"));
			assertThatIllegalArgumentException().isThrownBy(() -> operations.forTenant("../a"));
			assertThatIllegalArgumentException().isThrownBy(() -> operations.forTenant("a/b"));
			assertThatIllegalArgumentException().isThrownBy(() -> operations.forTenant(".."));
			assertThatIllegalArgumentException().isThrownBy(() -> operations.forTenant(""));
			assertThatIllegalArgumentException().isThrownBy(() -> a.forTenant("b"));
			assertThat(a.kv("other").getMount()).isEqualTo("other");
			assertThat(((VaultKvTemplate) a.kv("other")).getPathPrefix()).isEqualTo("tenants/a/");
		}
	}

	@Test
	void customPathPrefix() {
		try (ConfigurableApplicationContext context = run("vault.tenants.path-prefix=customers/{tenant}/secrets")) {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			operations.forTenant("acme").write("api", Map.of("value", "k"));
			assertThat(operations.readString("customers/acme/secrets/api", "value")).isEqualTo("k");
		}
	}

	@Test
	void tenantsByNamespaceCannotReadEachOther() {
		try (ConfigurableApplicationContext context = runWithTenantNamespaces("a", "b")) {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			VaultKvOperations a = operations.forTenant("a");
			VaultKvOperations b = operations.forTenant("b");
			a.write("db", Map.of("password", "a-secret"));
			a.describe("db", "Tenant A's database");
			assertThat(a.readString("db", "password")).isEqualTo("a-secret");
			assertThat(a.getDescription("db")).isEqualTo("Tenant A's database");
			assertThat(b.read("db")).isNull();
			assertThat(b.list("")).isEmpty();
			assertThat(operations.read("db")).isNull();
			assertThat(this.server.requestLog().entries((entry) -> entry.path().equals("secret/data/db")
					&& !entry.method().equals("GET")))
				.singleElement()
				.satisfies((entry) -> assertThat(entry.namespace()).startsWith("tenants/a"));
			b.write("db", Map.of("password", "b-secret"));
			assertThat(a.readString("db", "password")).isEqualTo("a-secret");
			assertThat(b.readString("db", "password")).isEqualTo("b-secret");
		}
	}

	@Test
	void tenantsByNamespaceAreCachedApart() {
		try (ConfigurableApplicationContext context = runWithTenantNamespaces("c", "d")) {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			VaultKvOperations c = operations.forTenant("c");
			VaultKvOperations d = operations.forTenant("d");
			c.write("db", Map.of("password", "c-secret"));
			d.write("db", Map.of("password", "d-secret"));
			operations.write("db", Map.of("password", "own-secret"));
			this.server.requestLog().clear();
			for (int i = 0; i < 3; i++) {
				assertThat(c.readString("db", "password")).isEqualTo("c-secret");
				assertThat(d.readString("db", "password")).isEqualTo("d-secret");
				assertThat(operations.readString("db", "password")).isEqualTo("own-secret");
			}
			assertThat(this.server.requestLog().entries((entry) -> entry.path().equals("secret/data/db")))
				.extracting((entry) -> String.valueOf(entry.namespace()))
				.hasSize(3)
				.anySatisfy((namespace) -> assertThat(namespace).startsWith("tenants/c"))
				.anySatisfy((namespace) -> assertThat(namespace).startsWith("tenants/d"));
			c.write("db", Map.of("password", "c-rotated"));
			assertThat(c.readString("db", "password")).isEqualTo("c-rotated");
			assertThat(d.readString("db", "password")).isEqualTo("d-secret");
			assertThat(context.getBean(SecretStore.class).getCachedLocations())
				.anySatisfy((location) -> assertThat(location.namespace()).isEqualTo("tenants/d"));
		}
	}

	private ConfigurableApplicationContext runWithTenantNamespaces(String... tenants) {
		ConfigurableApplicationContext context = run("vault.tenants.namespace=tenants/{tenant}",
				"vault.tenants.path-prefix=");
		VaultClient client = context.getBean(VaultClient.class);
		for (String tenant : tenants) {
			createTenantNamespace(client, tenant);
		}
		return context;
	}

	/**
	 * Create the namespace {@code tenants/<tenant>} with a KV version 2 mount {@code secret}.
	 * @param client a client with a root token
	 * @param tenant the tenant
	 */
	static void createTenantNamespace(VaultClient client, String tenant) {
		client.execute(VaultRequest.post("sys/namespaces/tenants").namespace("").build());
		client.execute(VaultRequest.post("sys/namespaces/tenants/" + tenant).namespace("").build());
		client.execute(VaultRequest.post("sys/mounts/secret")
			.namespace("tenants/" + tenant)
			.body(Map.of("type", "kv", "options", Map.of("version", "2")))
			.build());
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
