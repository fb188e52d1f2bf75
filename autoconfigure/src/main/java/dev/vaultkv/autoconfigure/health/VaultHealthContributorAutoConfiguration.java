package dev.vaultkv.autoconfigure.health;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.health.SecretReadRecorder;
import dev.vaultkv.health.VaultHealthIndicator;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.sys.SysOperations;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@code vault} {@link VaultHealthIndicator health indicator}; {@code management.health.vault.enabled=false}
 * switches it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
		VaultPropagationAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SysOperations.class)
@ConditionalOnEnabledHealthIndicator("vault")
@EnableConfigurationProperties(VaultHealthProperties.class)
public final class VaultHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "vaultHealthIndicator", "vaultHealthContributor" })
	VaultHealthIndicator vaultHealthIndicator(SysOperations sys, ObjectProvider<SessionManager> sessionManager,
			ObjectProvider<SecretStore> secretStore, ObjectProvider<SecretPropagator> propagator,
			ObjectProvider<DatabaseCredentialsManagers> databaseCredentials,
			VaultHealthProperties properties) {
		validate(properties);
		SecretStore store = secretStore.getIfUnique();
		SecretReadRecorder recorder = null;
		if (store instanceof CachingSecretStore cachingStore) {
			recorder = new SecretReadRecorder(Clock.systemUTC());
			recorder.listenTo(cachingStore);
		}
		return VaultHealthIndicator.builder(sys)
			.sessionManager(sessionManager.getIfUnique())
			.secretStore(store)
			.readRecorder(recorder)
			.propagator(propagator.getIfUnique())
			.databaseCredentials(databaseCredentials.getIfUnique())
			.cacheTtl(properties.getCacheTtl())
			.timeout(properties.getTimeout())
			.tokenExpiryThreshold(properties.getTokenExpiryThreshold())
			.build();
	}

	private static void validate(VaultHealthProperties properties) {
		if (properties.getCacheTtl().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("vault.health.cache-ttl", properties.getCacheTtl(),
					"Must be zero (ask Vault on every probe) or positive");
		}
		if (properties.getTimeout().toMillis() <= 0) {
			throw new InvalidConfigurationPropertyValueException("vault.health.timeout", properties.getTimeout(),
					"Must be at least 1ms");
		}
		if (properties.getTokenExpiryThreshold().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("vault.health.token-expiry-threshold",
					properties.getTokenExpiryThreshold(), "Must not be negative");
		}
	}

}
