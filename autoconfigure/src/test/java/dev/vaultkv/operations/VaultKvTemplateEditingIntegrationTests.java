package dev.vaultkv.operations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.DescribedSecret;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The editing operations of {@link VaultKvTemplate} (update, typed write, deletes that tell, paged
 * lists, described secrets, patch fallback) through the auto-configured bean and the shared cache.
 */
@EmbeddedVault(resetBetweenTests = true)
class VaultKvTemplateEditingIntegrationTests {

	private final EmbeddedVaultServer server;

	private ConfigurableApplicationContext context;

	VaultKvTemplateEditingIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	private VaultKvOperations start(String token, String... properties) {
		List<String> all = new ArrayList<>(List.of("vault.uri=" + this.server.getAddress(),
				"vault.token=" + token, "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		return this.context.getBean(VaultKvOperations.class);
	}

	@AfterEach
	void closeApplication() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void updateAndConditionalDeletesDropTheCachedSecret() {
		this.server.putSecret("secret/app/db", Map.of("password", "one"));
		VaultKvOperations operations = start(this.server.getRootToken());
		assertThat(operations.readString("app/db", "password")).isEqualTo("one");
		assertThat(operations.update("app/db", Map.of("password", "two")).version()).isEqualTo(2);
		assertThat(operations.readString("app/db", "password")).isEqualTo("two");
		assertThatExceptionOfType(SecretNotFoundException.class)
			.isThrownBy(() -> operations.update("app/absent", Map.of("password", "x")));
		assertThat(operations.deleteIfExists("app/db")).isTrue();
		assertThat(operations.read("app/db")).isNull();
		assertThat(operations.deleteIfExists("app/db")).isFalse();
		assertThat(operations.deleteIfExists("app/db", 1)).isTrue();
		assertThat(operations.deleteMetadataIfExists("app/db")).isTrue();
		assertThat(operations.deleteMetadataIfExists("app/db")).isFalse();
	}

	@Test
	void writesRecordsAndReadsThemBack() {
		VaultKvOperations operations = start(this.server.getRootToken());
		operations.write("app/db", (Object) new Db("app", "s3cr3t", 5432));
		assertThat(operations.read("app/db", Db.class)).isEqualTo(new Db("app", "s3cr3t", 5432));
		assertThatIllegalArgumentException().isThrownBy(() -> operations.write("app/text", "s3cr3t"))
			.withMessageNotContaining("s3cr3t");
		assertThat(operations.readMetadata("app/text")).isNull();
	}

	@Test
	void writesAndReadsDescribedSecretsInATenant() {
		VaultKvOperations operations = start(this.server.getRootToken()).forTenant("acme");
		operations.write(DescribedSecret.of("db", Map.of("password", "pw"), "Orders database"));
		DescribedSecret read = operations.readDescribed("db");
		assertThat(read.path()).isEqualTo("db");
		assertThat(read.description()).isEqualTo("Orders database");
		assertThat(read.data().getString("password")).isEqualTo("pw");
		assertThat(operations.getDescription("db")).isEqualTo("Orders database");
	}

	@Test
	void listsPages() {
		for (String name : List.of("c", "a", "b")) {
			this.server.putSecret("secret/paged/" + name, Map.of("k", "v"));
		}
		VaultKvOperations operations = start(this.server.getRootToken());
		assertThat(operations.list("paged", null, 2)).containsExactly("a", "b");
		assertThat(operations.list("paged", "b", 2)).containsExactly("c");
	}

	@Test
	void patchFallsBackForATokenWithoutThePatchCapabilityUnlessSwitchedOff() {
		this.server.putSecret("secret/app/db", Map.of("a", "1", "b", "2"));
		String token = tokenWithPolicy("no-patch",
				"path \"secret/data/app/*\" { capabilities = [\"create\", \"read\", \"update\"] }");
		VaultKvOperations operations = start(token, "vault.kv.version=2");
		assertThat(operations.readString("app/db", "b")).isEqualTo("2");
		Map<String, Object> patch = new HashMap<>();
		patch.put("b", null);
		assertThat(operations.patch("app/db", patch).version()).isEqualTo(2);
		assertThat(operations.readString("app/db", "b")).isNull();
		assertThat(operations.readString("app/db", "a")).isEqualTo("1");
		this.context.close();
		VaultKvOperations strict = start(token, "vault.kv.version=2", "vault.kv.patch-fallback=false");
		assertThatExceptionOfType(PermissionDeniedException.class)
			.isThrownBy(() -> strict.patch("app/db", Map.of("a", "2")));
	}

	@Test
	void patchFallsBackOnKvVersion1() {
		VaultKvOperations root = start(this.server.getRootToken());
		this.context.getBean(SysOperations.class).enableMount("legacy", MountRequest.kv(KvVersion.V1));
		VaultKvOperations legacy = root.kv("legacy");
		legacy.write("app/db", Map.of("a", "1"));
		assertThat(legacy.readString("app/db", "a")).isEqualTo("1");
		legacy.patch("app/db", Map.of("b", "2"));
		assertThat(legacy.read("app/db").data().asMap()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
	}

	private String tokenWithPolicy(String name, String hcl) {
		VaultClient root = dev.vaultkv.client.DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(dev.vaultkv.client.TokenProvider
				.of(dev.vaultkv.client.VaultToken.of(this.server.getRootToken())))
			.build();
		new dev.vaultkv.sys.SysTemplate(root).writePolicy(name, hcl);
		return root.execute(VaultRequest.post("auth/token/create").body(Map.of("policies", List.of(name))).build())
			.requireAuth()
			.clientToken()
			.getToken();
	}

	record Db(String username, String password, int port) {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
