package dev.vaultkv.autoconfigure.metrics;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultClientFactory;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.metrics.VaultPropagationMetrics;
import dev.vaultkv.metrics.VaultRetryMetrics;
import dev.vaultkv.metrics.VaultSecretMetrics;
import dev.vaultkv.metrics.VaultSessionMetrics;
import dev.vaultkv.metrics.VaultTokenMetrics;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for vaultkv's
 * Micrometer metrics: secret reads, the secret cache, logins, renewals, the token's time to live and
 * retries. HTTP timings are Spring's {@code http.client.requests}, with the URI template
 * {@code /v1/{path}}. {@code vault.metrics.enabled=false} switches these meters off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
		VaultPropagationAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "vault.metrics", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(VaultMetricsProperties.class)
public final class VaultMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SecretStore.class)
	VaultSecretMetrics vaultSecretMetrics(MeterRegistry registry, SecretStore store,
			VaultMetricsProperties properties) {
		if (properties.getMaxPathTags() <= 0) {
			throw new InvalidConfigurationPropertyValueException("vault.metrics.max-path-tags",
					properties.getMaxPathTags(), "Must be positive");
		}
		VaultSecretMetrics metrics = new VaultSecretMetrics(registry, store, properties.isPathTags(),
				properties.getMaxPathTags());
		if (store instanceof CachingSecretStore cachingStore) {
			cachingStore.addListener(metrics);
			cachingStore.enableStatistics();
			CaffeineCacheMetrics.monitor(registry, cachingStore.getNativeCache(), VaultSecretMetrics.CACHE_NAME);
		}
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SecretPropagator.class)
	VaultPropagationMetrics vaultPropagationMetrics(MeterRegistry registry, SecretPropagator propagator) {
		VaultPropagationMetrics metrics = new VaultPropagationMetrics(registry);
		propagator.addListener(metrics);
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SessionManager.class)
	VaultSessionMetrics vaultSessionMetrics(MeterRegistry registry, ObjectProvider<VaultClientFactory> factory) {
		VaultSessionMetrics metrics = new VaultSessionMetrics(registry);
		// A session manager handed over from the bootstrap context was built before this bean.
		factory.ifAvailable((clientFactory) -> clientFactory.addSessionListener(metrics));
		return metrics;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SessionManager.class)
	VaultTokenMetrics vaultTokenMetrics(SessionManager sessionManager) {
		return new VaultTokenMetrics(sessionManager, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(VaultClientFactory.class)
	VaultRetryMetrics vaultRetryMetrics(MeterRegistry registry, VaultClientFactory factory) {
		VaultRetryMetrics metrics = new VaultRetryMetrics(registry);
		factory.addRetryListener(metrics);
		return metrics;
	}

}
