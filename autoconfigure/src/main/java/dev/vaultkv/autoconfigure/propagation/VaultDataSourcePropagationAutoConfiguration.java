package dev.vaultkv.autoconfigure.propagation;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.propagation.jdbc.HikariCredentialsConsumers;
import dev.vaultkv.propagation.jdbc.HikariRejectedCredentialsBeanPostProcessor;
import dev.vaultkv.secret.SecretStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} that makes
 * HikariCP pools follow the Vault secret their database credentials come from: a changed secret reaches the
 * pool, and a connection the database rejects for its credentials reads them again from Vault and retries.
 * {@code vault.rotation.datasource.enabled=false} switches it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultPropagationAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(HikariDataSource.class)
@ConditionalOnProperty(prefix = "vault.rotation.datasource", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(SecretPropagator.class)
public final class VaultDataSourcePropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static HikariRejectedCredentialsBeanPostProcessor vaultHikariRejectedCredentialsBeanPostProcessor() {
		return new HikariRejectedCredentialsBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	HikariCredentialsConsumers vaultHikariCredentialsConsumers(ListableBeanFactory beanFactory,
			SecretBackedProperties properties, SecretStore store, SecretPropagator propagator) {
		return new HikariCredentialsConsumers(beanFactory, properties, store, propagator);
	}

}
