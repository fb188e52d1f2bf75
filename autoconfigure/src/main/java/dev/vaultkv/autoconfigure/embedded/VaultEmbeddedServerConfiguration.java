package dev.vaultkv.autoconfigure.embedded;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.embedded.EmbeddedVaultServer;

/**
 * Starts the embedded dev server when {@code vault.embedded.enabled=true} and no server was started
 * before the application context (by config data or placeholder support), and connects to it.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.vaultkv.embedded.EmbeddedVaultServer")
@ConditionalOnProperty(prefix = "vault.embedded", name = "enabled", havingValue = "true")
public final class VaultEmbeddedServerConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EmbeddedVaultServer vaultEmbeddedServer(VaultProperties properties, ObjectProvider<SslBundles> sslBundles) {
		return EmbeddedVaultConnectionDetails.start(properties.getEmbedded(), getClass().getClassLoader(),
				(name) -> sslBundles.getObject().getBundle(name));
	}

	@Bean
	@ConditionalOnMissingBean(VaultConnectionDetails.class)
	EmbeddedVaultConnectionDetails vaultEmbeddedConnectionDetails(EmbeddedVaultServer server) {
		return new EmbeddedVaultConnectionDetails(server);
	}

}
