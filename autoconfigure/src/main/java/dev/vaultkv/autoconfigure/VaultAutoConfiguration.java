package dev.vaultkv.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.embedded.VaultEmbeddedServerConfiguration;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.sys.SysOperations;
import dev.vaultkv.sys.SysTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the Vault
 * client: connection details, login method, session manager, client, KV operations for the default
 * mount and system operations. The client starts from a clone of Spring Boot's
 * {@link RestClient.Builder} when there is one, so that {@code http.client.requests} observations apply
 * to Vault requests; Vault headers are set per request and never reach other clients. Every
 * {@link VaultClientCustomizer} bean customizes vaultkv's clients, and only them. Every
 * {@link SessionListener} bean receives the session manager's events.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(VaultProperties.class)
@Import(VaultEmbeddedServerConfiguration.class)
public final class VaultAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(VaultConnectionDetails.class)
	PropertiesVaultConnectionDetails vaultConnectionDetails(VaultProperties properties, Environment environment) {
		return new PropertiesVaultConnectionDetails(properties, new VaultCliDefaults(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	VaultClientFactory vaultClientFactory(VaultProperties properties, VaultConnectionDetails connectionDetails,
			ObjectProvider<SslBundles> sslBundles) {
		return new VaultClientFactory(properties, connectionDetails,
				(name) -> sslBundles.getObject().getBundle(name));
	}

	@Bean
	ApplicationListener<ContextRefreshedEvent> vaultStartupCompletedListener(VaultClientFactory factory) {
		return (event) -> factory.startupCompleted();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientAuthentication vaultClientAuthentication(VaultClientFactory factory) {
		return factory.createAuthentication();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SessionManager vaultSessionManager(VaultClientFactory factory, ClientAuthentication authentication,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<SessionListener> sessionListeners,
			ObjectProvider<VaultClientCustomizer> clientCustomizers) {
		sessionListeners.orderedStream().forEach(factory::addSessionListener);
		clientCustomizers.orderedStream().forEach(factory::addClientCustomizer);
		SessionManager sessionManager = factory.createSessionManager(authentication,
				factory.createLoginClient(factory.getRequestFactory(), restClientBuilder.getIfAvailable()));
		if (factory.getProperties().isFailFast()) {
			try {
				sessionManager.getToken();
			}
			catch (RuntimeException ex) {
				sessionManager.close();
				throw ex;
			}
		}
		return sessionManager;
	}

	@Bean
	@ConditionalOnMissingBean
	VaultClient vaultClient(VaultClientFactory factory, SessionManager sessionManager,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<VaultClientCustomizer> clientCustomizers) {
		clientCustomizers.orderedStream().forEach(factory::addClientCustomizer);
		return factory.createClient(factory.getRequestFactory(), sessionManager, restClientBuilder.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	KvMountResolver vaultKvMountResolver(VaultClientFactory factory, VaultClient client) {
		return factory.createMountResolver(client);
	}

	@Bean
	@ConditionalOnMissingBean
	KvOperations vaultKvOperations(VaultClient client, KvMountResolver mountResolver, VaultProperties properties) {
		return new KvTemplate(client, properties.getKv().getMount(), mountResolver);
	}

	@Bean
	@ConditionalOnMissingBean
	SysOperations vaultSysOperations(VaultClient client) {
		return new SysTemplate(client);
	}

}
