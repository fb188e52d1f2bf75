package dev.vaultkv.embedded;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EmbeddedVault} JUnit extension.
 */
@EmbeddedVault(rootToken = "extension-root")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedVaultExtensionTests {

	private static EmbeddedVaultServer fromBeforeAll;

	private final EmbeddedVaultServer fromConstructor;

	EmbeddedVaultExtensionTests(EmbeddedVaultServer server) {
		this.fromConstructor = server;
	}

	@BeforeAll
	static void captureServer(EmbeddedVaultServer server) {
		fromBeforeAll = server;
	}

	@Test
	@Order(1)
	void injectsOneRunningServerPerClass(EmbeddedVaultServer server) {
		assertThat(server).isSameAs(this.fromConstructor).isSameAs(fromBeforeAll);
		assertThat(server.isClosed()).isFalse();
		assertThat(server.getRootToken()).isEqualTo("extension-root");
		assertThat(new VaultHttp(server.getAddress()).get("auth/token/lookup-self", "extension-root").status())
			.isEqualTo(200);
		new VaultHttp(server.getAddress()).post("sys/policies/acl/kept", "extension-root",
				"{\"policy\":\"path \\\"x\\\" { capabilities = [\\\"read\\\"] }\"}");
	}

	@Test
	@Order(2)
	void keepsStateBetweenTestsByDefault(EmbeddedVaultServer server) {
		assertThat(new VaultHttp(server.getAddress()).get("sys/policies/acl/kept", "extension-root").status())
			.isEqualTo(200);
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassesShareTheOuterServer(EmbeddedVaultServer server) {
			assertThat(server).isSameAs(fromBeforeAll);
		}

	}

}
