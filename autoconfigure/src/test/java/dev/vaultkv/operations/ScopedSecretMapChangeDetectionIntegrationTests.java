package dev.vaultkv.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.json.JsonMapper;

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
import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.MetadataUpdate;
import dev.vaultkv.kv.SecretData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts, as two instances of one application with caches of their own, for the whole
 * class (their startup is the slow part); each test works on an application map of its own.
 */
@EmbeddedVault
@TestInstance(Lifecycle.PER_CLASS)
class ScopedSecretMapChangeDetectionIntegrationTests {

	private final ConfigurableApplicationContext first;

	private final ConfigurableApplicationContext second;

	private String name;

	ScopedSecretMapChangeDetectionIntegrationTests(EmbeddedVaultServer server) {
		this.first = run(server, "node-1");
		this.second = run(server, "node-2");
	}

	private static ConfigurableApplicationContext run(EmbeddedVaultServer server, String instanceId) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off", "spring.application.name=orders",
					"vault.scopes.instance-id=" + instanceId, "vault.scopes.mark-seen-on-close=false")
			.run();
	}

	@BeforeEach
	void name(TestInfo test) {
		this.name = test.getTestMethod().orElseThrow().getName();
	}

	@AfterAll
	void close() {
		this.second.close();
		this.first.close();
	}

	/**
	 * Return this test's application map as seen by the instance of a context.
	 */
	private ScopedSecretMap map(ConfigurableApplicationContext context) {
		String instance = context.getBean(VaultScopes.class).getInstanceId();
		return new ScopedSecretMap(context.getBean(VaultKvOperations.class), JsonMapper.shared(),
				"maps/" + this.name, "seen/" + instance + "/" + this.name, 3);
	}

	@Test
	void onlyKeysReallyChangedCountAfterMoreWritesThanMaxVersions() {
		ConfigurableApplicationContext context = this.first;
		ScopedSecretMap map = map(context);
		VaultKvOperations operations = context.getBean(VaultKvOperations.class);
		map.putAll(Map.of("a", "1", "b", "2", "c", "3", "e", "5"));
		operations.writeMetadata(map.getPath(), MetadataUpdate.empty().withMaxVersions(2));
		map.markAllSeen();
		long marked = operations.readMetadata(map.getPath()).currentVersion();
		assertThat(map.getChangedKeys()).isEmpty();
		map.put("b", "20");
		map.put("b", "21");
		map.put("a", "1");
		map.remove("c");
		map.put("d", List.of(1, 2));
		map.put("e", "6");
		map.put("e", "5");
		KeyMetadata metadata = operations.readMetadata(map.getPath());
		// the version marked seen and several after it are gone
		assertThat(metadata.oldestVersion()).isGreaterThan(marked + 2);
		assertThat(map.getChangedKeys()).containsExactlyInAnyOrder("b", "c", "d");
		assertThat(map.isChanged("a")).isFalse();
		assertThat(map.isChanged("b")).isTrue();
		assertThat(map.isChanged("c")).isTrue();
		assertThat(map.isChanged("d")).isTrue();
		assertThat(map.isChanged("e")).isFalse();
		assertThat(map.isChanged("never-there")).isFalse();
		map.markAllSeen();
		assertThat(map.getChangedKeys()).isEmpty();
	}

	@Test
	void theRecordHoldsDigestsNeverValues() {
		ConfigurableApplicationContext context = this.first;
		ScopedSecretMap map = map(context);
		VaultKvOperations operations = context.getBean(VaultKvOperations.class);
		map.put("password", "s3cr3t-value");
		map.put("config", Map.of("token", "t0ken-value"));
		map.markAllSeen();
		assertThat(map.getHashesPath()).isEqualTo("seen/node-1/theRecordHoldsDigestsNeverValues");
		SecretData record = stored(operations, map.getHashesPath());
		assertThat(record.keys()).containsExactlyInAnyOrder("password", "config");
		assertThat(record.asMap().values()).allSatisfy((digest) -> assertThat(digest).asString()
			.matches("sha256:[0-9a-f]{64}")
			.doesNotContain("s3cr3t", "t0ken"));
	}

	@Test
	void writesByAnotherInstanceCountAtOnceDespiteTheCache() {
		ScopedSecretMap mine = map(this.first);
		ScopedSecretMap theirs = map(this.second);
		mine.put("a", "1");
		mine.markAllSeen();
		assertThat(mine.get("a")).isEqualTo("1");
		theirs.put("a", "2");
		theirs.put("b", Map.of("x", 1));
		// the cached read is still the old one, within vault.cache.ttl ...
		assertThat(mine.get("a")).isEqualTo("1");
		// ... but change detection reads Vault itself
		assertThat(mine.getChangedKeys()).containsExactlyInAnyOrder("a", "b");
		assertThat(mine.isChanged("a")).isTrue();
	}

	@Test
	void eachInstanceKeepsItsOwnRecord() {
		ScopedSecretMap one = map(this.first);
		ScopedSecretMap two = map(this.second);
		one.putAll(Map.of("a", "1", "b", "2"));
		one.markAllSeen();
		assertThat(one.getChangedKeys()).isEmpty();
		assertThat(two.getChangedKeys()).containsExactlyInAnyOrder("a", "b");
		two.markAllSeen();
		one.put("a", "10");
		assertThat(one.getChangedKeys()).containsExactly("a");
		assertThat(two.getChangedKeys()).containsExactly("a");
	}

	@Test
	void theSameValueInAnotherKeyOrderIsNoChange() {
		ConfigurableApplicationContext context = this.first;
		ScopedSecretMap map = map(context);
		VaultKvOperations operations = context.getBean(VaultKvOperations.class);
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("b", 1);
		config.put("a", Map.of("y", 2, "x", 1));
		operations.write(map.getPath(), Map.of("config", config));
		map.markAllSeen();
		Map<String, Object> reordered = new LinkedHashMap<>();
		reordered.put("a", Map.of("x", 1, "y", 2));
		reordered.put("b", 1);
		operations.write(map.getPath(), Map.of("config", reordered));
		assertThat(map.getChangedKeys()).isEmpty();
		operations.write(map.getPath(), Map.of("config", Map.of("a", Map.of("x", 1, "y", 3), "b", 1)));
		assertThat(map.getChangedKeys()).containsExactly("config");
	}

	@Test
	void aDeletedMapChangesEveryKey() {
		ConfigurableApplicationContext context = this.first;
		ScopedSecretMap map = map(context);
		map.putAll(Map.of("a", "1", "b", "2"));
		map.markAllSeen();
		context.getBean(VaultKvOperations.class).delete(map.getPath());
		assertThat(map.getChangedKeys()).containsExactlyInAnyOrder("a", "b");
		assertThat(map).isEmpty();
	}

	@Test
	void markingSeenWorksOnAMountThatRequiresCheckAndSet() {
		VaultClient client = this.first.getBean(VaultClient.class);
		client.execute(VaultRequest.post("secret/config").body(Map.of("cas_required", true)).build());
		try {
			ScopedSecretMap map = map(this.first);
			map.put("a", "1");
			map.markAllSeen();
			map.put("a", "2");
			map.markAllSeen();
			map.put("b", "1");
			assertThat(map.getChangedKeys()).containsExactly("b");
			assertThat(this.first.getBean(VaultKvOperations.class).readMetadata(map.getHashesPath()).currentVersion())
				.isEqualTo(2);
		}
		finally {
			client.execute(VaultRequest.post("secret/config").body(Map.of("cas_required", false)).build());
		}
	}

	private static SecretData stored(VaultKvOperations operations, String path) {
		long version = operations.readMetadata(path).currentVersion();
		return operations.read(path, version).data();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
