package dev.vaultkv.autoconfigure.propagation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.env.VaultPropertySource;
import dev.vaultkv.propagation.SecretBackedProperties;
import dev.vaultkv.propagation.SecretConsumerStatus;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.propagation.jdbc.HikariCredentialsConsumers;
import dev.vaultkv.propagation.jdbc.HikariRejectedCredentialsBeanPostProcessor;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class VaultDataSourcePropagationAutoConfigurationTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultPropagationAutoConfiguration.class, VaultDataSourcePropagationAutoConfiguration.class,
				DataSourceAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addLast(new VaultPropertySource(() -> context.getBean(SecretResolver.class))))
		.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=" + server.getRootToken(),
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.datasource.username=${vault:app/db:username}",
				"spring.datasource.password=${vault:app/db:password}");

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/app/db", Map.of("username", "app", "password", "s3cr3t"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void followsThePoolBuiltFromSecrets() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HikariRejectedCredentialsBeanPostProcessor.class)
				.hasSingleBean(HikariCredentialsConsumers.class);
			assertThat(context.getBean(HikariDataSource.class).getDataSource()).isNotNull();
			assertThat(consumerNames(context)).contains("HikariCP pool 'dataSource'");
		});
	}

	@Test
	void doesNotFollowAPoolWhoseCredentialsComeFromNoSecret() {
		this.contextRunner.withPropertyValues("spring.datasource.username=app", "spring.datasource.password=s3cr3t!")
			.run((context) -> {
				assertThat(context).hasSingleBean(HikariCredentialsConsumers.class);
				assertThat(consumerNames(context)).doesNotContain("HikariCP pool 'dataSource'");
			});
	}

	@Test
	void backsOffWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("vault.rotation.datasource.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(HikariRejectedCredentialsBeanPostProcessor.class)
				.doesNotHaveBean(HikariCredentialsConsumers.class);
			assertThat(context.getBean(HikariDataSource.class).getDataSource()).isNull();
			assertThat(consumerNames(context)).doesNotContain("HikariCP pool 'dataSource'");
		});
	}

	@Test
	void backsOffWithoutHikari() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.withPropertyValues("spring.datasource.type=org.springframework.jdbc.datasource.SimpleDriverDataSource")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HikariRejectedCredentialsBeanPostProcessor.class)
				.doesNotHaveBean(HikariCredentialsConsumers.class));
	}

	@Test
	void backsOffWithoutThePropagator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VaultDataSourcePropagationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HikariRejectedCredentialsBeanPostProcessor.class)
				.doesNotHaveBean(HikariCredentialsConsumers.class));
	}

	@Test
	void backsOffFromUserDefinedBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(HikariCredentialsConsumers.class)
				.hasBean("userConsumers")
				.hasSingleBean(HikariRejectedCredentialsBeanPostProcessor.class)
				.hasBean("userPostProcessor");
			assertThat(consumerNames(context)).containsOnlyOnce("HikariCP pool 'dataSource'");
		});
	}

	private static List<String> consumerNames(AssertableApplicationContext context) {
		return context.getBean(SecretPropagator.class).getConsumers().stream().map(SecretConsumerStatus::name).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		static HikariRejectedCredentialsBeanPostProcessor userPostProcessor() {
			return new HikariRejectedCredentialsBeanPostProcessor();
		}

		@Bean
		HikariCredentialsConsumers userConsumers(ListableBeanFactory beanFactory, SecretBackedProperties properties,
				SecretStore store, SecretPropagator propagator) {
			return new HikariCredentialsConsumers(beanFactory, properties, store, propagator);
		}

	}

}
