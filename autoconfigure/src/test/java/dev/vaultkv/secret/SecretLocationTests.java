package dev.vaultkv.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SecretLocation} and the {@link SecretLoader} factories.
 */
class SecretLocationTests {

	@Test
	void namespaceIsPartOfTheKeyAndOfTheText() {
		SecretLocation own = new SecretLocation("secret", "myapp/db", 0);
		SecretLocation tenant = new SecretLocation("secret", "myapp/db", 0, "tenants/a");
		SecretLocation root = new SecretLocation("secret", "myapp/db", 3, "");
		assertThat(own).isNotEqualTo(tenant).isEqualTo(new SecretLocation("secret", "myapp/db", 0, null));
		assertThat(own.namespace()).isNull();
		assertThat(own).hasToString("secret//myapp/db");
		assertThat(tenant).hasToString("[namespace tenants/a] secret//myapp/db");
		assertThat(root).hasToString("[root namespace] secret//myapp/db#3");
	}

	@Test
	void loaderReadsInTheLocationsNamespace() {
		List<String> asked = new ArrayList<>();
		SecretLoader loader = SecretLoader.of((String mount, @Nullable String namespace) -> {
			asked.add(namespace + "|" + mount);
			return kv(mount);
		});
		loader.load(new SecretLocation("secret", "db", 0, "tenants/a"));
		loader.load(new SecretLocation("kv", "db", 0));
		assertThat(asked).containsExactly("tenants/a|secret", "null|kv");
	}

	@Test
	void loaderOfMountsOnlyRefusesOtherNamespaces() {
		SecretLoader loader = SecretLoader.of((String mount) -> kv(mount));
		assertThat(loader.load(new SecretLocation("secret", "db", 0))).isNotNull();
		assertThatIllegalStateException().isThrownBy(() -> loader.load(new SecretLocation("secret", "db", 0, "t")))
			.withMessageContaining("client's namespace only");
	}

	private static KvOperations kv(String mount) {
		VersionedSecret secret = new VersionedSecret(SecretData.of(Map.of("value", "v")), null);
		return (KvOperations) java.lang.reflect.Proxy.newProxyInstance(KvOperations.class.getClassLoader(),
				new Class<?>[] { KvOperations.class }, (proxy, method, args) -> switch (method.getName()) {
					case "read" -> secret;
					case "getMount" -> mount;
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
