package dev.vaultkv.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VaultProxyTests {

	@Test
	void nonProxyHostsMatchWithWildcardsWithoutRegardToCase() {
		VaultProxy proxy = VaultProxy.builder("proxy.example.com", 3128)
			.nonProxyHosts(List.of("*.internal.example.com", "10.0.*", "vault.local", "::1"))
			.build();
		assertThat(proxy.bypasses("vault.internal.example.com")).isTrue();
		assertThat(proxy.bypasses("VAULT.Internal.Example.com")).isTrue();
		assertThat(proxy.bypasses("internal.example.com")).isFalse();
		assertThat(proxy.bypasses("10.0.3.4")).isTrue();
		assertThat(proxy.bypasses("110.0.3.4")).isFalse();
		assertThat(proxy.bypasses("vault.local")).isTrue();
		assertThat(proxy.bypasses("vault.localhost")).isFalse();
		assertThat(proxy.bypasses("[::1]")).isTrue();
		assertThat(proxy.bypasses("vault.example.com")).isFalse();
	}

	@Test
	void toStringNeverRevealsThePassword() {
		VaultProxy proxy = VaultProxy.builder("proxy.example.com", 3128)
			.credentials("vault-app", "pr0xy-s3cret")
			.build();
		assertThat(proxy.toString()).contains("proxy.example.com:3128").contains("vault-app")
			.doesNotContain("pr0xy-s3cret");
		assertThat(proxy.getPassword()).isEqualTo("pr0xy-s3cret");
	}

	@Test
	void invalidSettingsFailNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> VaultProxy.builder("", 3128)).withMessageContaining("'host'");
		assertThatIllegalArgumentException().isThrownBy(() -> VaultProxy.builder("proxy", 0)).withMessageContaining("'port'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VaultProxy.builder("proxy", 3128).nonProxyHosts(List.of(" ")))
			.withMessageContaining("'nonProxyHosts'");
	}

	@Test
	void requestFactoryKeepsTheProxyAndDefaultsToTheSystemProperties() {
		VaultProxy proxy = VaultProxy.builder("proxy.example.com", 3128).build();
		try (VaultHttpRequestFactory factory = VaultHttpRequestFactory.builder().proxy(proxy).build();
				VaultHttpRequestFactory system = VaultHttpRequestFactory.builder().build()) {
			assertThat(factory.getProxy()).isSameAs(proxy);
			assertThat(system.getProxy()).isNull();
		}
	}

}
