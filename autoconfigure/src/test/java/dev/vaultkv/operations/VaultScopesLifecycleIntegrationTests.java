package dev.vaultkv.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedVault(resetBetweenTests = true)
class VaultScopesLifecycleIntegrationTests {

	private final ApplicationContextRunner runner;

	VaultScopesLifecycleIntegrationTests(EmbeddedVaultServer server) {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
					VaultOperationsAutoConfiguration.class))
			.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.application.name=orders", "vault.scopes.instance-id=node-1");
	}

	@Test
	void theMapsUsedAreMarkedSeenWhenTheContextCloses() {
		this.runner.run((context) -> {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			map.putAll(Map.of("a", "1", "b", 2));
			assertThat(map.getChangedKeys()).containsExactlyInAnyOrder("a", "b");
		});
		this.runner.run((context) -> {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			assertThat(operations.readMetadata("scopes/orders/seen/node-1/application")).isNotNull();
			// the instance map was not used, so nothing was recorded for it
			assertThat(operations.readMetadata("scopes/orders/seen/node-1/instance")).isNull();
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			assertThat(map.getChangedKeys()).isEmpty();
			operations.write(map.getPath(), Map.of("a", "1", "b", 3));
			assertThat(map.getChangedKeys()).containsExactly("b");
		});
	}

	@Test
	void markingSeenOnCloseCanBeSwitchedOff() {
		this.runner.withPropertyValues("vault.scopes.mark-seen-on-close=false").run((context) -> {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			map.put("a", "1");
		});
		this.runner.run((context) -> {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			assertThat(operations.readMetadata("scopes/orders/seen/node-1/application")).isNull();
			assertThat(context.getBean(VaultScopes.class).application().getChangedKeys()).containsExactly("a");
		});
	}

	@Test
	void anApplicationThatNeverUsesTheMapsWritesNothing() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(VaultScopes.class));
		this.runner.run((context) -> assertThat(context.getBean(VaultKvOperations.class).list("scopes/")).isEmpty());
	}

	@Test
	void aRandomlyNamedInstanceDeletesItsSecretsOnClose() {
		this.runner.run((context) -> {
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			VaultScopes scopes = new VaultScopes(operations, JsonMapper.shared(), "orders", InstanceId.generate(),
					ScopePaths.defaults(), 3, true);
			assertThat(scopes.isInstanceIdRandom()).isTrue();
			scopes.instance().put("state", "x");
			scopes.instance().markAllSeen();
			scopes.application().put("shared", "kept");
			scopes.application().markAllSeen();
			String id = scopes.getInstanceId();
			assertThat(operations.list("scopes/orders/instances/")).containsExactly(id);
			assertThat(operations.list("scopes/orders/seen/" + id + "/")).containsExactlyInAnyOrder("application",
					"instance");
			scopes.close();
			assertThat(operations.readMetadata(scopes.instance().getPath())).isNull();
			assertThat(operations.readMetadata(scopes.instance().getHashesPath())).isNull();
			assertThat(operations.readMetadata(scopes.application().getHashesPath())).isNull();
			assertThat(operations.list("scopes/orders/")).containsExactly("application");
			assertThat(operations.readString("scopes/orders/application", "shared")).isEqualTo("kept");
		});
	}

}
