package dev.vaultkv.autoconfigure.propagation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.propagation.LettuceSecretCredentialsProvider;
import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretConsumerStatus;
import dev.vaultkv.propagation.SecretPropagator;

import static org.assertj.core.api.Assertions.assertThat;

class VaultRedisPropagationAutoConfigurationTests {

	private final Map<String, Object> secrets = new HashMap<>(
			Map.of("secret.username", "app", "secret.password", "s3cr3t"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultPropagationAutoConfiguration.class, VaultRedisPropagationAutoConfiguration.class,
				DataRedisAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SecretPropertySource(this.secrets)))
		.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.token=t0ken", "vault.fail-fast=false");

	@Test
	void lettuceReadsSecretBackedCredentialsAtEveryConnection() {
		this.runner
			.withPropertyValues("spring.data.redis.username=${secret.username}",
					"spring.data.redis.password=${secret.password}")
			.run((context) -> {
				LettuceSecretCredentialsProvider credentials = context.getBean(LettuceSecretCredentialsProvider.class);
				assertThat(context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getRedisCredentialsProviderFactory()).containsSame(credentials);
				assertThat(consumers(context)).singleElement().satisfies((consumer) -> {
					assertThat(consumer.name()).isEqualTo("Redis (spring.data.redis)");
					assertThat(consumer.appliedVersions()).containsOnlyKeys(SecretPropertySource.LOCATION);
				});
				RedisCredentials current = credentials.createCredentialsProvider(new RedisStandaloneConfiguration())
					.resolveCredentials()
					.block();
				assertThat(current.getUsername()).isEqualTo("app");
				assertThat(current.getPassword()).containsExactly("s3cr3t".toCharArray());
				this.secrets.put("secret.password", "r0tated");
				assertThat(credentials.resolveCredentials().block().getPassword())
					.containsExactly("r0tated".toCharArray());
				assertThat(credentials.toString()).doesNotContain("s3cr3t").doesNotContain("r0tated");
			});
	}

	@Test
	void credentialsOfTheApplicationPropertiesAreLeftAlone() {
		this.runner.withPropertyValues("spring.data.redis.username=app", "spring.data.redis.password=plain")
			.run((context) -> {
				assertThat(context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getRedisCredentialsProviderFactory()).isEmpty();
				assertThat(consumers(context)).isEmpty();
			});
	}

	@Test
	void credentialsOfAUrlAreLeftAlone() {
		this.runner
			.withPropertyValues("spring.data.redis.url=redis://other:elsewhere@localhost:6379",
					"spring.data.redis.username=${secret.username}", "spring.data.redis.password=${secret.password}")
			.run((context) -> {
				assertThat(context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getRedisCredentialsProviderFactory()).isEmpty();
				assertThat(consumers(context)).isEmpty();
			});
	}

	@Test
	void backsOffFromAProviderOfTheApplication() {
		this.runner.withPropertyValues("spring.data.redis.password=${secret.password}")
			.withBean("customCredentials", LettuceSecretCredentialsProvider.class,
					() -> new LettuceSecretCredentialsProvider(new SecretBackedProperties(new StandardEnvironment()),
							"custom.username", "custom.password"))
			.run((context) -> assertThat(context).hasSingleBean(LettuceSecretCredentialsProvider.class)
				.hasBean("customCredentials"));
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.runner
			.withPropertyValues("vault.rotation.redis.enabled=false", "spring.data.redis.password=${secret.password}")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LettuceSecretCredentialsProvider.class)
					.doesNotHaveBean(LettuceSecretCredentialsCustomizer.class);
				assertThat(context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getRedisCredentialsProviderFactory()).isEmpty();
			});
	}

	@Test
	void backsOffWithoutLettuce() {
		this.runner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.withPropertyValues("spring.data.redis.password=${secret.password}")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LettuceSecretCredentialsProvider.class)
				.doesNotHaveBean(LettuceSecretCredentialsCustomizer.class));
	}

	@Test
	void backsOffWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("spring.data.redis.password=${secret.password}")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LettuceSecretCredentialsProvider.class)
				.doesNotHaveBean(LettuceSecretCredentialsCustomizer.class));
	}

	@Test
	void backsOffWithoutVault() {
		this.runner.withPropertyValues("vault.enabled=false", "spring.data.redis.password=${secret.password}")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LettuceSecretCredentialsProvider.class));
	}

	private static List<SecretConsumerStatus> consumers(AssertableApplicationContext context) {
		return context.getBean(SecretPropagator.class)
			.getConsumers()
			.stream()
			.filter((consumer) -> !consumer.name().startsWith("@ConfigurationProperties"))
			.toList();
	}

}
