package dev.vaultkv.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.vaultkv.env.BootstrapAuthenticationException;

/**
 * Analyzes a {@link BootstrapAuthenticationException}: an application's own login method that config
 * data and placeholders could not use.
 *
 * @since 0.1.0
 */
public class VaultBootstrapAuthenticationFailureAnalyzer
		extends AbstractFailureAnalyzer<BootstrapAuthenticationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BootstrapAuthenticationException cause) {
		return new FailureAnalysis("The ClientAuthentication bean " + cause.getBeanNames()
				+ " was not used: spring.config.import=vault: or ${vault:...} placeholders logged in before beans "
				+ "exist, with vault.authentication=" + cause.getMethod() + ".",
				"Register the ClientAuthentication in the bootstrap registry instead of as a bean, so that config "
						+ "data, placeholders and the application context all use it: "
						+ "SpringApplication.addBootstrapRegistryInitializer((registry) -> registry.register("
						+ "ClientAuthentication.class, InstanceSupplier.of(...))), or a BootstrapRegistryInitializer "
						+ "listed in META-INF/spring.factories. Or configure the login with vault.authentication.",
				cause);
	}

}
