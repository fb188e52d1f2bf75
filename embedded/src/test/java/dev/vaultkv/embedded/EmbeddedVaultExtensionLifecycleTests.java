package dev.vaultkv.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs test classes through the JUnit engine to check when the extension closes its servers.
 */
class EmbeddedVaultExtensionLifecycleTests {

	static final List<EmbeddedVaultServer> seen = new CopyOnWriteArrayList<>();

	@Test
	void perClassServersAreClosedAfterTheirClass() {
		seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(PerClassOne.class), selectClass(PerClassTwo.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(2).failed(0));
		assertThat(seen).hasSize(2);
		assertThat(seen.get(0)).isNotSameAs(seen.get(1));
		assertThat(seen).allSatisfy((server) -> assertThat(server.isClosed()).isTrue());
	}

	@Test
	void sharedServerIsReusedAcrossClassesAndClosedAtTheEnd() {
		seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(SharedOne.class), selectClass(SharedTwo.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(2).failed(0));
		assertThat(seen).hasSize(2);
		assertThat(seen.get(0)).isSameAs(seen.get(1));
		assertThat(seen.get(0).isClosed()).isTrue();
	}

	@EmbeddedVault
	static class PerClassOne {

		@Test
		void record(EmbeddedVaultServer server) {
			assertThat(server.isClosed()).isFalse();
			seen.add(server);
		}

	}

	@EmbeddedVault
	static class PerClassTwo {

		@Test
		void record(EmbeddedVaultServer server) {
			assertThat(server.isClosed()).isFalse();
			seen.add(server);
		}

	}

	@EmbeddedVault(shared = true, rootToken = "lifecycle")
	static class SharedOne {

		@Test
		void record(EmbeddedVaultServer server) {
			seen.add(server);
		}

	}

	@EmbeddedVault(shared = true, rootToken = "lifecycle")
	static class SharedTwo {

		@Test
		void record(EmbeddedVaultServer server) {
			assertThat(server.isClosed()).isFalse();
			seen.add(server);
		}

	}

}
