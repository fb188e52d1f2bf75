package dev.vaultkv.autoconfigure.propagation;

import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.vaultkv.propagation.LettuceSecretCredentialsProvider;
import dev.vaultkv.propagation.SecretBackedProperties;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Lettuce
 * connection factory's credentials: when {@code spring.data.redis.username} or {@code password} come from
 * a secret, Lettuce reads them at every connection and reconnection, so that it connects with the
 * current secret after a rotation. Turned off with {@code vault.rotation.redis.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultPropagationAutoConfiguration.class,
		beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class,
		LettuceClientConfigurationBuilderCustomizer.class })
@ConditionalOnProperty(prefix = "vault.rotation.redis", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(SecretBackedProperties.class)
public final class VaultRedisPropagationAutoConfiguration {

	static final String USERNAME_PROPERTY = "spring.data.redis.username";

	static final String PASSWORD_PROPERTY = "spring.data.redis.password";

	@Bean
	@ConditionalOnMissingBean
	LettuceSecretCredentialsProvider vaultLettuceCredentialsProvider(SecretBackedProperties properties) {
		return new LettuceSecretCredentialsProvider(properties, USERNAME_PROPERTY, PASSWORD_PROPERTY);
	}

	@Bean
	LettuceSecretCredentialsCustomizer vaultLettuceCredentialsCustomizer(LettuceSecretCredentialsProvider credentials,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		return new LettuceSecretCredentialsCustomizer(credentials, connectionDetails);
	}

}
