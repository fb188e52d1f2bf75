package dev.vaultkv.operations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.secret.SecretConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * One application context for the whole class (its startup is the slow part); each test works on a map
 * of its own.
 */
@EmbeddedVault
@TestInstance(Lifecycle.PER_CLASS)
class ScopedSecretMapJsonIntegrationTests {

	private final ConfigurableApplicationContext context;

	private final VaultKvOperations operations;

	private ScopedSecretMap map;

	ScopedSecretMapJsonIntegrationTests(EmbeddedVaultServer server) {
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
					"spring.main.banner-mode=off", "spring.application.name=orders", "vault.scopes.instance-id=node-1",
					"vault.scopes.mark-seen-on-close=false")
			.run();
		this.operations = this.context.getBean(VaultKvOperations.class);
	}

	@BeforeEach
	void newMap(TestInfo test) {
		String name = test.getTestMethod().orElseThrow().getName();
		this.map = new ScopedSecretMap(this.operations, JsonMapper.shared(), "maps/" + name,
				"seen/" + name, 3);
	}

	@AfterAll
	void close() {
		this.context.close();
	}

	@Test
	void jsonValuesAreStoredAsJsonAndReadBackAsJavaValues() {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("retries", 3);
		config.put("hosts", List.of("a", "b"));
		config.put("nested", Map.of("on", true));
		this.map.put("config", config);
		this.map.put("name", "orders");
		this.map.put("count", 42);
		this.map.put("ratio", 0.5);
		this.map.put("enabled", true);
		this.map.put("tags", List.of("x", 1, false));
		this.map.set("nothing", null);
		assertThat(this.map.get("config")).isEqualTo(config);
		assertThat(this.map.get("name")).isEqualTo("orders");
		assertThat(this.map.get("count")).isEqualTo(42);
		assertThat(this.map.get("ratio")).isEqualTo(0.5);
		assertThat(this.map.get("enabled")).isEqualTo(true);
		assertThat(this.map.get("tags")).isEqualTo(List.of("x", 1, false));
		assertThat(this.map.get("nothing")).isNull();
		assertThat(this.map.containsKey("nothing")).isTrue();
		// in Vault each value is the JSON value itself: a string stays a plain string for other clients
		SecretData stored = stored();
		assertThat(stored.getJson("config").isObject()).isTrue();
		assertThat(stored.getJson("config").get("hosts").isArray()).isTrue();
		assertThat(stored.getJson("name").isString()).isTrue();
		assertThat(stored.getJson("count").isNumber()).isTrue();
		assertThat(stored.getJson("enabled").isBoolean()).isTrue();
		assertThat(stored.getJson("nothing").isNull()).isTrue();
		assertThat(this.operations.readString(this.map.getPath(), "name")).isEqualTo("orders");
		assertThat(this.map.getString("count")).isEqualTo("42");
		assertThat(this.map.getString("config")).isEqualTo("{\"retries\":3,\"hosts\":[\"a\",\"b\"],\"nested\":{\"on\":true}}");
	}

	@Test
	void stringValuedStoresWrittenByOtherClientsReadAsBefore() {
		this.operations.write(this.map.getPath(), Map.of("mode", "blue", "port", "8080"));
		assertThat(this.map).containsOnly(entry("mode", "blue"), entry("port", "8080"));
		assertThat(this.map.getString("port")).isEqualTo("8080");
		assertThat(this.map.get("port", Integer.class)).isEqualTo(8080);
		this.map.put("mode", "green");
		assertThat(stored().asMap()).containsOnly(entry("mode", "green"), entry("port", "8080"));
	}

	@Test
	void typedReads() {
		this.map.put("primary", new Endpoint("db-1", 5432));
		this.map.put("replicas", List.of(new Endpoint("db-2", 5433), new Endpoint("db-3", 5434)));
		this.map.put("limit", new BigDecimal("12.50"));
		assertThat(this.map.get("primary", Endpoint.class)).isEqualTo(new Endpoint("db-1", 5432));
		assertThat(this.map.get("primary")).isEqualTo(Map.of("host", "db-1", "port", 5432));
		assertThat(this.map.get("replicas", new TypeReference<List<Endpoint>>() {
		})).containsExactly(new Endpoint("db-2", 5433), new Endpoint("db-3", 5434));
		assertThat(this.map.get("limit", BigDecimal.class)).isEqualByComparingTo("12.5");
		assertThat(this.map.get("absent", Endpoint.class)).isNull();
		this.map.put("secret", "s3cr3t-value");
		assertThatExceptionOfType(SecretConversionException.class)
			.isThrownBy(() -> this.map.get("secret", Endpoint.class))
			.withMessageContaining("secret")
			.withMessageContaining(Endpoint.class.getName())
			.withMessageNotContaining("s3cr3t-value");
	}

	@Test
	void isAMapByTheMapContract() {
		Map<String, Object> expected = new HashMap<>();
		expected.put("a", "1");
		expected.put("b", List.of(1, 2));
		expected.put("c", Map.of("d", true));
		expected.put("e", null);
		this.map.putAll(expected);
		assertThat(this.map).hasSize(4).isEqualTo(expected);
		assertThat(expected).isEqualTo(this.map);
		assertThat(this.map.hashCode()).isEqualTo(expected.hashCode());
		assertThat(this.map.entrySet()).isEqualTo(expected.entrySet());
		assertThat(this.map.keySet()).containsExactlyInAnyOrder("a", "b", "c", "e");
		assertThat(this.map.values()).containsExactlyInAnyOrder("1", List.of(1, 2), Map.of("d", true), null);
		assertThat(this.map.containsValue(List.of(1, 2))).isTrue();
		assertThat(this.map.entrySet()).contains(Map.entry("a", "1"));
		assertThat(this.map.isEmpty()).isFalse();
		Map<String, Object> copy = new HashMap<>(this.map);
		assertThat(copy).isEqualTo(expected);
		List<String> iterated = new ArrayList<>();
		this.map.forEach((key, value) -> iterated.add(key));
		assertThat(iterated).containsExactlyInAnyOrder("a", "b", "c", "e");
		this.map.clear();
		assertThat(this.map).isEmpty();
		assertThat(stored().size()).isZero();
	}

	@Test
	void viewsWriteThrough() {
		this.map.putAll(Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
		Iterator<Map.Entry<String, Object>> entries = this.map.entrySet().iterator();
		assertThatIllegalStateException().isThrownBy(entries::remove);
		while (entries.hasNext()) {
			Map.Entry<String, Object> entry = entries.next();
			if (entry.getKey().equals("a")) {
				entries.remove();
			}
			else if (entry.getKey().equals("b")) {
				assertThat(entry.setValue(Map.of("x", 1))).isEqualTo("2");
				assertThat(entry.getValue()).isEqualTo(Map.of("x", 1));
			}
		}
		assertThat(stored().keys()).containsExactlyInAnyOrder("b", "c", "d", "e");
		assertThat(stored().getJson("b").isObject()).isTrue();
		assertThat(this.map.keySet().remove("c")).isTrue();
		assertThat(this.map.entrySet().remove(Map.entry("d", "wrong"))).isFalse();
		assertThat(this.map.entrySet().remove(Map.entry("d", "4"))).isTrue();
		assertThat(this.map.values().removeIf("5"::equals)).isTrue();
		assertThat(stored().asMap()).containsOnly(entry("b", Map.of("x", 1)));
		this.map.keySet().clear();
		assertThat(stored().size()).isZero();
	}

	@Test
	void atomicMapMethods() {
		this.map.put("a", "1");
		assertThat(this.map.putIfAbsent("a", "2")).isEqualTo("1");
		assertThat(this.map.putIfAbsent("b", 2)).isNull();
		assertThat(this.map.replace("absent", "x")).isNull();
		assertThat(this.map.containsKey("absent")).isFalse();
		assertThat(this.map.replace("a", "10")).isEqualTo("1");
		assertThat(this.map.replace("b", 3, 4)).isFalse();
		assertThat(this.map.replace("b", 2, 4)).isTrue();
		assertThat(this.map.remove("b", 5)).isFalse();
		assertThat(this.map.remove("a", "10")).isTrue();
		assertThat(this.map.compute("c", (key, value) -> List.of("computed"))).isEqualTo(List.of("computed"));
		assertThat(stored().asMap()).containsOnly(entry("b", 4), entry("c", List.of("computed")));
		Map<String, Object> before = this.map.update((entries) -> {
			entries.remove("b");
			entries.put("d", Map.of("k", "v"));
			return entries;
		});
		assertThat(before).containsOnly(entry("b", 4), entry("c", List.of("computed")));
		assertThat(stored().asMap()).containsOnly(entry("c", List.of("computed")), entry("d", Map.of("k", "v")));
	}

	@Test
	void rejectedKeysAndValuesChangeNothing() {
		this.map.put("a", "1");
		long version = this.operations.readMetadata(this.map.getPath()).currentVersion();
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.put("", "x"))
			.withMessageContaining("keys must be non-empty strings")
			.withMessageContaining(this.map.getPath());
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.set(null, "x"))
			.withMessageContaining("keys must be non-empty strings");
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.put("b", new Unwritable()))
			.withMessageContaining("'b'")
			.withMessageContaining(Unwritable.class.getName())
			.withMessageContaining("cannot write");
		Map<String, Object> entries = new LinkedHashMap<>();
		entries.put("c", "fine");
		entries.put("d", new Unwritable());
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.putAll(entries)).withMessageContaining("'d'");
		Map<String, Object> emptyKey = new LinkedHashMap<>();
		emptyKey.put("c", "fine");
		emptyKey.put(" ", "x");
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.putAll(emptyKey));
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.update((map) -> {
			map.put("e", new Unwritable());
			return map;
		})).withMessageContaining("'e'");
		assertThat(this.operations.readMetadata(this.map.getPath()).currentVersion()).isEqualTo(version);
		assertThat(stored().asMap()).containsOnly(entry("a", "1"));
	}

	@Test
	void valuesNeverAppearInToString() {
		this.map.put("password", "s3cr3t-value");
		this.map.put("nested", Map.of("token", "t0ken-value"));
		assertThat(this.map.toString()).contains(this.map.getPath()).doesNotContain("s3cr3t", "t0ken");
		assertThat(this.map.entrySet().toString()).doesNotContain("s3cr3t", "t0ken");
		assertThat(this.map.values().toString()).doesNotContain("s3cr3t", "t0ken");
		assertThat(this.map.entrySet().iterator().next().toString()).doesNotContain("s3cr3t", "t0ken");
		assertThat(this.map.keySet().toString()).contains("password", "nested");
	}

	/**
	 * Read the current version straight from Vault.
	 */
	private SecretData stored() {
		long version = this.operations.readMetadata(this.map.getPath()).currentVersion();
		return this.operations.read(this.map.getPath(), version).data();
	}

	record Endpoint(String host, int port) {

	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not readable");
		}

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
