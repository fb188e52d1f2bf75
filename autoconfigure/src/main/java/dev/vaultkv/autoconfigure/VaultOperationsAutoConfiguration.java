package dev.vaultkv.autoconfigure;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import dev.vaultkv.client.VaultClient;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.operations.InstanceId;
import dev.vaultkv.operations.InstanceIdResolver;
import dev.vaultkv.operations.ScopePaths;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.operations.TenantLayout;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.operations.VaultKvTemplate;
import dev.vaultkv.operations.VaultScopes;
import dev.vaultkv.secret.SecretStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@link VaultKvOperations} bean over the shared secret store, the application and instance scoped maps,
 * and rotation polling ({@code vault.rotation.enabled}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultSecretAutoConfiguration.class)
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
public final class VaultOperationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(VaultKvOperations.class)
	@ConditionalOnBean({ VaultClient.class, KvMountResolver.class, SecretStore.class })
	VaultKvTemplate vaultKvTemplate(VaultClient client, KvMountResolver mountResolver, SecretStore store,
			VaultProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		VaultProperties.Tenants tenants = properties.getTenants();
		return new VaultKvTemplate(client, mountResolver, store, properties.getKv().getMount(),
				jsonMapper.getIfUnique(JsonMapper::shared),
				new TenantLayout(tenants.getPathPrefix(), emptyToNull(tenants.getNamespace())),
				properties.getKv().isPatchFallback());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBean(VaultKvOperations.class)
	VaultScopes vaultScopes(VaultKvOperations operations, VaultProperties properties, Environment environment,
			ObjectProvider<JsonMapper> jsonMapper) {
		VaultProperties.Scopes scopes = properties.getScopes();
		String configured = emptyToNull(scopes.getInstanceId());
		// the Environment holds the process environment, and lets tests set POD_NAME or HOSTNAME
		InstanceId instanceId = (configured != null) ? InstanceId.of(configured)
				: new InstanceIdResolver(environment::getProperty, InstanceIdResolver::localHostName).resolve();
		return new VaultScopes(operations, jsonMapper.getIfUnique(JsonMapper::shared),
				environment.getProperty("spring.application.name", "application"), instanceId,
				new ScopePaths(scopes.getApplicationPath(), scopes.getInstancePath(), scopes.getHashesPath()),
				scopes.getMaxAttempts(), scopes.isMarkSeenOnClose());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBean({ VaultKvOperations.class, SecretStore.class })
	@ConditionalOnProperty(prefix = "vault.rotation", name = "enabled", havingValue = "true")
	SecretRotationWatcher vaultSecretRotationWatcher(SecretStore store, VaultKvOperations operations,
			ApplicationEventPublisher publisher, VaultProperties properties, ObjectProvider<Clock> clock) {
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setThreadNamePrefix("vaultkv-rotation-");
		scheduler.setDaemon(true);
		return new SecretRotationWatcher(store, operations, publisher, clock.getIfUnique(Clock::systemUTC),
				properties.getRotation().getInterval(), scheduler);
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

}
