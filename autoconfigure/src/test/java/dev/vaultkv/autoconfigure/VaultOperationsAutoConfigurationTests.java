package dev.vaultkv.autoconfigure;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.operations.ScopedSecretMap;
import dev.vaultkv.operations.SecretRotationWatcher;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.operations.VaultKvTemplate;
import dev.vaultkv.operations.VaultScopes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class VaultOperationsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
				VaultOperationsAutoConfiguration.class))
		.withPropertyValues("vault.uri=http://127.0.0.1:1", "vault.token=t0ken", "vault.fail-fast=false");

	@Test
	void defaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(VaultKvTemplate.class).hasSingleBean(VaultScopes.class);
			assertThat(context).doesNotHaveBean(SecretRotationWatcher.class);
			assertThat(context.getBean(VaultKvOperations.class).getMount()).isEqualTo("secret");
			VaultScopes scopes = context.getBean(VaultScopes.class);
			assertThat(scopes.getApplicationName()).isEqualTo("application");
			assertThat(scopes.application().getPath()).isEqualTo("scopes/application/application");
			assertThat(scopes.instance().getPath()).isEqualTo("scopes/application/instances/" + scopes.getInstanceId());
		});
	}

	@Test
	void overrides() {
		this.runner
			.withPropertyValues("vault.kv.mount=kv", "spring.application.name=orders", "vault.scopes.instance-id=n1",
					"vault.scopes.application-path=apps/{application}", "vault.scopes.instance-path=apps/{application}-{instance}",
					"vault.tenants.path-prefix=t/{tenant}")
			.run((context) -> {
				VaultKvOperations operations = context.getBean(VaultKvOperations.class);
				assertThat(operations.getMount()).isEqualTo("kv");
				assertThat(((VaultKvTemplate) operations.forTenant("acme")).getPathPrefix()).isEqualTo("t/acme/");
				VaultScopes scopes = context.getBean(VaultScopes.class);
				assertThat(scopes.application().getPath()).isEqualTo("apps/orders");
				assertThat(scopes.instance().getPath()).isEqualTo("apps/orders-n1");
			});
	}

	@Test
	void scopesFollowTheirProperties() {
		this.runner
			.withPropertyValues("spring.application.name=orders", "vault.scopes.instance-id=n1",
					"vault.scopes.hashes-path=state/{application}/{instance}/digests")
			.run((context) -> {
				VaultScopes scopes = context.getBean(VaultScopes.class);
				assertThat(scopes.isInstanceIdRandom()).isFalse();
				assertThat(scopes.application().getHashesPath()).isEqualTo("state/orders/n1/digests/application");
				assertThat(scopes.instance().getHashesPath()).isEqualTo("state/orders/n1/digests/instance");
			});
	}

	@Test
	void instanceIdDefaultsToPodNameThenHostname() {
		this.runner.withPropertyValues("HOSTNAME=web-7").run((context) -> {
			VaultScopes scopes = context.getBean(VaultScopes.class);
			assertThat(scopes.getInstanceId()).isEqualTo("web-7");
			assertThat(scopes.isInstanceIdRandom()).isFalse();
			assertThat(scopes.instance().getPath()).isEqualTo("scopes/application/instances/web-7");
		});
		this.runner.withPropertyValues("POD_NAME=orders-5d8f", "HOSTNAME=web-7")
			.run((context) -> assertThat(context.getBean(VaultScopes.class).getInstanceId()).isEqualTo("orders-5d8f"));
	}

	@Test
	void hashesPathMustNameTheInstance() {
		this.runner.withPropertyValues("vault.scopes.hashes-path=scopes/{application}/seen").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("vault.scopes.hashes-path");
		});
	}

	@Test
	void aFailureToMarkSeenOnCloseIsLoggedAndDoesNotStopTheShutdown(CapturedOutput output) {
		this.runner.withPropertyValues("vault.scopes.instance-id=n1", "vault.retry.enabled=false").run((context) -> {
			ScopedSecretMap map = context.getBean(VaultScopes.class).application();
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> map.put("a", "s3cr3t-value"));
		});
		assertThat(output).contains("Could not mark the values of the scoped map at 'scopes/application/application'")
			.doesNotContain("s3cr3t-value");
	}

	@Test
	void rotationSwitch() {
		this.runner.withPropertyValues("vault.rotation.enabled=true", "vault.rotation.interval=30s")
			.run((context) -> {
				assertThat(context).hasSingleBean(SecretRotationWatcher.class);
				assertThat(context.getBean(SecretRotationWatcher.class).isRunning()).isTrue();
			});
	}

	@Test
	void tenantsMustBeKeptApart() {
		this.runner.withPropertyValues("vault.tenants.path-prefix=shared/").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("vault.tenants.path-prefix");
		});
	}

	@Test
	void backsOffFromUserBeans() {
		VaultKvOperations custom = Mockito.mock(VaultKvOperations.class);
		this.runner.withBean("customOperations", VaultKvOperations.class, () -> custom).run((context) -> {
			assertThat(context).hasSingleBean(VaultKvOperations.class).doesNotHaveBean(VaultKvTemplate.class);
			assertThat(context.getBean(VaultKvOperations.class)).isSameAs(custom);
		});
	}

	@Test
	void disabledWithVault() {
		this.runner.withPropertyValues("vault.enabled=false", "vault.rotation.enabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(VaultKvOperations.class)
				.doesNotHaveBean(VaultScopes.class)
				.doesNotHaveBean(SecretRotationWatcher.class);
			assertThat(context).hasNotFailed();
		});
	}

	@Test
	void invalidInstanceIdIsNamed() {
		this.runner.withPropertyValues("vault.scopes.instance-id=../other").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("vault.scopes.instance-id");
		});
	}

}
