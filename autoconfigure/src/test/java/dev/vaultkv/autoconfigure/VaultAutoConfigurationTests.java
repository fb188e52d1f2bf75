package dev.vaultkv.autoconfigure;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenAuthentication;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.resilience.RetryingVaultClient;
import dev.vaultkv.secret.SecretAnnotationBeanPostProcessor;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretConverter;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.testsupport.SecretRefreshThreads;
import dev.vaultkv.sys.SysOperations;

import static org.assertj.core.api.Assertions.assertThat;

class VaultAutoConfigurationTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/myapp/db", Map.of("password", "s3cr3t"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private ApplicationContextRunner connected() {
		return this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(),
				"vault.token=" + server.getRootToken());
	}

	@Test
	void defaultsCreateTheWholeStack() {
		connected().run((context) -> {
			assertThat(context).hasSingleBean(PropertiesVaultConnectionDetails.class)
				.hasSingleBean(VaultClientFactory.class)
				.hasSingleBean(SessionManager.class)
				.hasSingleBean(SysOperations.class)
				.hasSingleBean(SecretStore.class)
				.hasSingleBean(SecretResolver.class)
				.hasSingleBean(SecretConverter.class)
				.hasSingleBean(SecretAnnotationBeanPostProcessor.class);
			assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(TokenAuthentication.class);
			assertThat(context.getBean(VaultClient.class)).isInstanceOf(RetryingVaultClient.class);
			KvOperations kv = context.getBean(KvOperations.class);
			assertThat(kv.getMount()).isEqualTo("secret");
			assertThat(kv.read("myapp/db").data().getString("password")).isEqualTo("s3cr3t");
			assertThat(context.getBean(SecretResolver.class).getDefaultKey()).isEqualTo("value");
			assertThat(context.getBean(SessionManager.class).getTokenState()).isNotNull();
		});
	}

	@Test
	void renewalIncrementReachesTheSessionManager() {
		connected().withPropertyValues("vault.session.renewal-increment=6h")
			.run((context) -> assertThat(context.getBean(SessionManager.class)).extracting("renewalIncrement")
				.isEqualTo(Duration.ofHours(6)));
		connected().run((context) -> assertThat(context.getBean(SessionManager.class)).extracting("renewalIncrement")
			.isNull());
	}

	@Test
	void nonPositiveRenewalIncrementFailsNamingTheProperty() {
		connected().withPropertyValues("vault.session.renewal-increment=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.session.renewal-increment"));
	}

	@Test
	void disabledCreatesNothing() {
		connected().withPropertyValues("vault.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(VaultClient.class)
				.doesNotHaveBean(SecretStore.class)
				.doesNotHaveBean(SecretAnnotationBeanPostProcessor.class));
	}

	@Test
	void backsOffFromUserBeans() {
		VaultClient client = (request) -> VaultResponse.noContent();
		connected().withBean(VaultClient.class, () -> client).run((context) -> {
			assertThat(context.getBean(VaultClient.class)).isSameAs(client);
			assertThat(context).hasSingleBean(SessionManager.class);
		});
	}

	@Test
	void backsOffFromUserConnectionDetails() {
		VaultConnectionDetails details = new VaultConnectionDetails() {

			@Override
			public URI getUri() {
				return server.getAddress();
			}

			@Override
			public VaultToken getToken() {
				return VaultToken.of(server.getRootToken());
			}

		};
		this.contextRunner.withBean(VaultConnectionDetails.class, () -> details).run((context) -> {
			assertThat(context).doesNotHaveBean(PropertiesVaultConnectionDetails.class);
			assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull();
		});
	}

	@Test
	void secretStoreRefreshThreadsEndWithTheContext() throws Exception {
		SecretLocation location = new SecretLocation("secret", "myapp/db", 0);
		SecretRefreshThreads threads = new SecretRefreshThreads();
		connected().run((context) -> {
			SecretStore store = context.getBean(SecretStore.class);
			assertThat(store).isInstanceOf(CachingSecretStore.class);
			store.read(location);
			// a refresh runs on the store's pool; the read waits for it
			store.refresh(location);
			threads.recordStarted();
		});
		threads.assertEnded();
	}

	@Test
	void withoutCaffeineThereIsNoSecretCache() {
		connected().withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> assertThat(context).hasSingleBean(VaultClient.class).doesNotHaveBean(SecretStore.class));
	}

	@Test
	void clientStartsFromACloneOfTheApplicationsRestClientBuilder() {
		AtomicInteger intercepted = new AtomicInteger();
		RestClient.Builder builder = RestClient.builder().requestInterceptor((request, body, execution) -> {
			intercepted.incrementAndGet();
			return execution.execute(request, body);
		});
		connected().withBean(RestClient.Builder.class, () -> builder).run((context) -> {
			int before = intercepted.get();
			context.getBean(KvOperations.class).read("myapp/db");
			assertThat(intercepted.get()).isGreaterThan(before);
			builder.build();
			assertThat(builder).extracting("defaultHeaders").satisfies((headers) -> assertThat(String.valueOf(headers))
				.doesNotContainIgnoringCase("X-Vault-Token"));
		});
	}

	@Test
	void worksWithoutSpringBootRestClient() {
		connected().withClassLoader(new FilteredClassLoader("org.springframework.boot.restclient"))
			.run((context) -> assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull());
	}

	@Test
	void retryCanBeDisabled() {
		connected().withPropertyValues("vault.retry.enabled=false")
			.run((context) -> assertThat(context.getBean(VaultClient.class)).isInstanceOf(DefaultVaultClient.class));
	}

	@Test
	void kvSettingsApply() {
		connected().withPropertyValues("vault.kv.version=2", "vault.kv.default-key=secret")
			.run((context) -> {
				assertThat(context.getBean(KvOperations.class).getVersion()).isEqualTo(KvVersion.V2);
				assertThat(context.getBean(SecretResolver.class).getDefaultKey()).isEqualTo("secret");
			});
	}

	@Test
	void vaultAddrAndVaultTokenAreFallbacks() {
		this.contextRunner
			.withPropertyValues("VAULT_ADDR=" + server.getAddress(), "VAULT_TOKEN=" + server.getRootToken())
			.run((context) -> assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull());
	}

	@Test
	void vaultTokenFileIsAFallback(@TempDir Path home) throws Exception {
		Files.writeString(home.resolve(".vault-token"), server.getRootToken() + "\n");
		this.contextRunner.withPropertyValues("VAULT_ADDR=" + server.getAddress(), "user.home=" + home)
			.run((context) -> assertThat(context.getBean(KvOperations.class).read("myapp/db")).isNotNull());
	}

	@Test
	void missingUriFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("vault.token=t", "user.home=/nonexistent")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.uri"));
	}

	@Test
	void missingTokenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(), "user.home=/nonexistent")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.token"));
	}

	@Test
	void appRoleWithoutRoleIdFailsNamingTheProperty() {
		connected().withPropertyValues("vault.authentication=approle")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.app-role.role-id"));
	}

	@Test
	void secretIdAndSecretIdFileAreExclusiveAndTheSecretIsMasked() {
		connected()
			.withPropertyValues("vault.authentication=approle", "vault.app-role.role-id=role",
					"vault.app-role.secret-id=very-secret-id", "vault.app-role.secret-id-file=/tmp/x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.hasMessageContaining("vault.app-role.secret-id")
				.hasMessageNotContaining("very-secret-id"));
	}

	@Test
	void unknownAuthenticationMethodFailsNamingTheProperty() {
		connected().withPropertyValues("vault.authentication=kerberos")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(IllegalArgumentException.class)
				.hasStackTraceContaining("vault.authentication")
				.hasStackTraceContaining(BindException.class.getName()));
	}

	@Test
	void negativeTtlFailsNamingTheProperty() {
		connected().withPropertyValues("vault.cache.ttl=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("vault.cache.ttl"));
	}

	@Test
	void invalidKvVersionFailsNamingTheProperty() {
		connected().withPropertyValues("vault.kv.version=3")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("vault.kv.version"));
	}

	@Test
	void badTokenFailsAtStartupWithFailFast() {
		this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=wrong")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void badTokenDoesNotFailStartupWithoutFailFast() {
		this.contextRunner
			.withPropertyValues("vault.uri=" + server.getAddress(), "vault.token=wrong", "vault.fail-fast=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(VaultClient.class));
	}

}
