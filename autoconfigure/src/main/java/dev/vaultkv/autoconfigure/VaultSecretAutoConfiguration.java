package dev.vaultkv.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.vaultkv.client.VaultClient;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.secret.SecretAnnotationBeanPostProcessor;
import dev.vaultkv.secret.SecretConverter;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for secret
 * access: the one secret cache every way in shares, reference resolution, conversion and
 * {@link dev.vaultkv.secret.Secret @Secret} injection.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultAutoConfiguration.class)
@ConditionalOnClass(Caffeine.class)
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
public final class VaultSecretAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ VaultClientFactory.class, VaultClient.class, KvMountResolver.class })
	SecretStore vaultSecretStore(VaultClientFactory factory, VaultClient client, KvMountResolver mountResolver,
			ObjectProvider<KvOperations> kvOperations) {
		return factory.createSecretStore(client, mountResolver, kvOperations.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ VaultClientFactory.class, SecretStore.class })
	SecretResolver vaultSecretResolver(VaultClientFactory factory, SecretStore store) {
		return factory.createSecretResolver(store);
	}

	@Bean
	@ConditionalOnMissingBean
	SecretConverter vaultSecretConverter(ObjectProvider<JsonMapper> jsonMapper) {
		return new SecretConverter(ApplicationConversionService.getSharedInstance(),
				jsonMapper.getIfUnique(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	static SecretAnnotationBeanPostProcessor vaultSecretAnnotationBeanPostProcessor(
			ObjectProvider<SecretResolver> resolver, ObjectProvider<SecretConverter> converter) {
		return new SecretAnnotationBeanPostProcessor(resolver::getObject, converter::getObject);
	}

}
