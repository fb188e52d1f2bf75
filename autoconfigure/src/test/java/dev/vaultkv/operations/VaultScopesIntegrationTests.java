package dev.vaultkv.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@EmbeddedVault(resetBetweenTests = true)
class VaultScopesIntegrationTests {

	private final EmbeddedVaultServer server;

	VaultScopesIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	private ConfigurableApplicationContext run(String instanceId) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off", "spring.application.name=orders",
					"vault.scopes.instance-id=" + instanceId)
			.run();
	}

	@Test
	void pathsDeriveFromApplicationNameAndInstanceId() {
		try (ConfigurableApplicationContext context = run("node-1")) {
			VaultScopes scopes = context.getBean(VaultScopes.class);
			assertThat(scopes.getApplicationName()).isEqualTo("orders");
			assertThat(scopes.getInstanceId()).isEqualTo("node-1");
			scopes.application().put("mode", "blue");
			scopes.instance().put("leader", "true");
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			assertThat(operations.readString("scopes/orders/application", "mode")).isEqualTo("blue");
			assertThat(operations.readString("scopes/orders/instances/node-1", "leader")).isEqualTo("true");
		}
	}

	@Test
	void generatedInstanceIdsDiffer() {
		InstanceId id = InstanceId.generate();
		assertThat(id.random()).isTrue();
		assertThat(id.value()).isNotEqualTo(InstanceId.generate().value()).matches("instance-[0-9a-f]{16}");
	}

	@Test
	void jsonNullValueReadsAsNullAndUpdatesKeepWorking() {
		try (ConfigurableApplicationContext context = run("node-1")) {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("empty", null);
			data.put("a", "1");
			context.getBean(VaultClient.class)
				.execute(VaultRequest.post("secret/data/" + map.getPath()).body(Map.of("data", data)).build());
			assertThat(map.get("empty")).isNull();
			assertThat(map.containsKey("empty")).isTrue();
			assertThat(map.containsKey("absent")).isFalse();
			assertThat(map.keySet()).containsExactlyInAnyOrder("empty", "a");
			assertThat(map.asMap()).containsEntry("empty", null).containsEntry("a", "1");
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			assertThat(operations.readString(map.getPath(), "empty")).isNull();
			assertThat(operations.readString(map.getPath(), "a")).isEqualTo("1");
			assertThat(map.put("b", "2")).isNull();
			assertThat(map.asMap()).containsEntry("empty", null).containsEntry("b", "2");
			assertThat(map.getChangedKeys()).contains("empty", "a", "b");
			assertThat(map.remove("empty")).isNull();
			assertThat(map.containsKey("empty")).isFalse();
			assertThat(map.putIfAbsent("a", "3")).isEqualTo("1");
			assertThat(map.asMap()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
		}
	}

	@Test
	void mapOperationsWriteThroughAndReadBack() {
		try (ConfigurableApplicationContext context = run("node-1")) {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			assertThat(map.asMap()).isEmpty();
			assertThat(map.put("a", "1")).isNull();
			assertThat(map.put("a", "2")).isEqualTo("1");
			assertThat(map.putIfAbsent("a", "3")).isEqualTo("2");
			assertThat(map.putIfAbsent("b", "3")).isNull();
			map.putAll(Map.of("c", "4", "d", "5"));
			assertThat(map.remove("d")).isEqualTo("5");
			assertThat(map.remove("absent")).isNull();
			assertThat(map.asMap()).containsOnly(Map.entry("a", "2"), Map.entry("b", "3"), Map.entry("c", "4"));
			assertThat(map.containsKey("c")).isTrue();
			assertThat(map.keySet()).containsExactlyInAnyOrder("a", "b", "c");
			// put, put, putIfAbsent, putAll and remove wrote; the no-op putIfAbsent and remove did not
			assertThat(context.getBean(VaultKvOperations.class).readMetadata(map.getPath()).currentVersion())
				.isEqualTo(5);
		}
	}

	@Test
	void twoInstancesWritingConcurrentlyLoseNoUpdate() throws Exception {
		try (ConfigurableApplicationContext first = run("node-1");
				ConfigurableApplicationContext second = run("node-2")) {
			List<ScopedSecretMap> maps = List.of(first.getBean(VaultScopes.class).application(),
					second.getBean(VaultScopes.class).application());
			ExecutorService executor = Executors.newFixedThreadPool(4);
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Void>> writers = new ArrayList<>();
			try {
				for (int writer = 0; writer < 4; writer++) {
					ScopedSecretMap map = maps.get(writer % 2);
					String prefix = "w" + writer + "-";
					writers.add(CompletableFuture.runAsync(() -> {
						await(start);
						for (int i = 0; i < 8; i++) {
							map.put(prefix + i, Integer.toString(i));
						}
					}, executor));
				}
				start.countDown();
				CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
			}
			finally {
				executor.shutdown();
			}
			Map<String, String> result = first.getBean(VaultKvOperations.class)
				.read("scopes/orders/application", 0)
				.data()
				.asMap()
				.entrySet()
				.stream()
				.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, (e) -> String.valueOf(e.getValue())));
			assertThat(result).hasSize(32);
			assertThat(maps.get(0).asMap()).isEqualTo(result);
			assertThat(maps.get(1).asMap()).isEqualTo(result);
		}
	}

	@Test
	void failsClearlyWhenEveryAttemptLosesTheRace() {
		try (ConfigurableApplicationContext context = run("node-1")) {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			VaultKvOperations operations = context.getBean(VaultKvOperations.class);
			assertThatException().isThrownBy(() -> map.update((entries) -> {
				operations.write(map.getPath(), Map.of("other", "writer"));
				entries.put("mine", "x");
				return entries;
			})).isInstanceOf(ConcurrentScopeUpdateException.class).withMessageContaining("vault.scopes.max-attempts");
		}
	}

	@Test
	void instancesHaveTheirOwnMaps() {
		try (ConfigurableApplicationContext first = run("node-1");
				ConfigurableApplicationContext second = run("node-2")) {
			first.getBean(VaultScopes.class).instance().put("state", "one");
			second.getBean(VaultScopes.class).instance().put("state", "two");
			assertThat(first.getBean(VaultScopes.class).instance().get("state")).isEqualTo("one");
			assertThat(second.getBean(VaultScopes.class).instance().get("state")).isEqualTo("two");
		}
	}

	@Test
	void changeDetectionSurvivesARestart() {
		try (ConfigurableApplicationContext context = run("node-1")) {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			map.putAll(Map.of("a", "1", "b", "2", "c", "3"));
			assertThat(map.isChanged("a")).isTrue();
			map.markAllSeen();
			assertThat(map.getChangedKeys()).isEmpty();
			assertThat(map.isChanged("a")).isFalse();
			context.getBean(VaultScopes.class).instance().put("x", "1");
			context.getBean(VaultScopes.class).instance().markAllSeen();
		}
		try (ConfigurableApplicationContext other = run("node-2")) {
			ScopedSecretMap map = other.getBean(VaultScopes.class).application();
			map.put("b", "20");
			map.remove("c");
			map.put("d", "4");
			map.put("a", "1");
		}
		try (ConfigurableApplicationContext restarted = run("node-1")) {
			VaultScopes scopes = restarted.getBean(VaultScopes.class);
			ScopedSecretMap map = scopes.application();
			assertThat(map.isChanged("a")).isFalse();
			assertThat(map.isChanged("b")).isTrue();
			assertThat(map.isChanged("c")).isTrue();
			assertThat(map.getChangedKeys()).containsExactlyInAnyOrder("b", "c", "d");
			assertThat(scopes.instance().getChangedKeys()).isEmpty();
			map.markAllSeen();
			assertThat(map.getChangedKeys()).isEmpty();
		}
		try (ConfigurableApplicationContext fresh = run("node-3")) {
			assertThat(fresh.getBean(VaultScopes.class).application().getChangedKeys())
				.containsExactlyInAnyOrder("a", "b", "d");
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
