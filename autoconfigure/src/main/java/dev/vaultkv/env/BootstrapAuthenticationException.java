package dev.vaultkv.env;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Thrown when the application defines {@link dev.vaultkv.auth.ClientAuthentication} beans that config
 * data imports and {@code ${vault:...}} placeholders could not use, because they logged in with
 * {@code vault.*} before the beans existed.
 *
 * @since 0.1.0
 */
public class BootstrapAuthenticationException extends IllegalStateException {

	private final List<String> beanNames;

	private final String method;

	/**
	 * Create a new instance.
	 * @param beanNames the names of the unused beans
	 * @param method the {@code vault.authentication} method config data and placeholders logged in with
	 */
	public BootstrapAuthenticationException(List<String> beanNames, String method) {
		super("The ClientAuthentication bean " + beanNames + " cannot be used by spring.config.import=vault: or "
				+ "${vault:...} placeholders: they log in before the application context and its beans exist, "
				+ "and logged in with vault.authentication=" + method + " instead. Register your "
				+ "ClientAuthentication with a BootstrapRegistryInitializer (SpringApplication"
				+ ".addBootstrapRegistryInitializer or META-INF/spring.factories) so that both use it, and "
				+ "remove the bean");
		Assert.notEmpty(beanNames, "'beanNames' must not be empty");
		this.beanNames = List.copyOf(beanNames);
		this.method = method;
	}

	/**
	 * Return the names of the unused beans.
	 * @return the bean names
	 */
	public List<String> getBeanNames() {
		return this.beanNames;
	}

	/**
	 * Return the login method config data and placeholders used instead.
	 * @return the {@code vault.authentication} value
	 */
	public String getMethod() {
		return this.method;
	}

}
