package dev.vaultkv.autoconfigure.database;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vaultkv.autoconfigure.VaultClientFactory;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.database.DatabaseCredentialsPropagation;
import dev.vaultkv.database.DatabaseCredentialsSessionListener;
import dev.vaultkv.metrics.VaultLeaseMetrics;
import dev.vaultkv.propagation.SecretPropagator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * database credentials of {@code vault.database.*}, which the environment answers from before the
 * application context exists: their changes reach the components that use them through the
 * {@link SecretPropagator}, and their leases are metered.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultPropagationAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(DatabaseCredentialsManagers.class)
public final class VaultDatabaseAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SecretPropagator.class)
	DatabaseCredentialsPropagation vaultDatabaseCredentialsPropagation(DatabaseCredentialsManagers managers,
			SecretPropagator propagator) {
		return new DatabaseCredentialsPropagation(managers, propagator);
	}

	@Bean
	@ConditionalOnBean(VaultClientFactory.class)
	DatabaseCredentialsSessionListener vaultDatabaseCredentialsSessionListener(DatabaseCredentialsManagers managers,
			VaultClientFactory factory) {
		DatabaseCredentialsSessionListener listener = new DatabaseCredentialsSessionListener(managers);
		factory.addSessionListener(listener);
		return listener;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnProperty(prefix = "vault.metrics", name = "enabled", matchIfMissing = true)
	static class LeaseMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		VaultLeaseMetrics vaultLeaseMetrics(MeterRegistry registry, DatabaseCredentialsManagers managers) {
			return new VaultLeaseMetrics(registry, managers);
		}

	}

}
