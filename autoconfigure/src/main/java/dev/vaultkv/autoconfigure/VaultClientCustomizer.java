package dev.vaultkv.autoconfigure;

import org.springframework.web.client.RestClient;

/**
 * Callback to customize the {@link RestClient.Builder} of vaultkv's own clients (the login client and
 * the application's {@link dev.vaultkv.client.VaultClient}) and of no other client: unlike Spring Boot's
 * {@code RestClientCustomizer}, which applies to every {@code RestClient} built from the application's
 * builder, what a bean of this type adds (an interceptor, a default header, an observation convention)
 * reaches Vault only. The builder is a clone whose request factory is already vaultkv's transport
 * ({@code vault.*} timeouts, SSL bundle and proxy); replacing it drops those settings.
 * <p>
 * Beans of this type apply to the clients the application context creates. Config data imports and
 * {@code ${vault:...}} placeholders log in before beans exist; to customize their clients too, register
 * an instance with a {@link org.springframework.boot.bootstrap.BootstrapRegistryInitializer} under this
 * type. Whatever is added here sees the Vault token: never log request headers.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface VaultClientCustomizer {

	/**
	 * Customize the builder of a Vault client.
	 * @param builder the builder, a clone used by this Vault client only
	 */
	void customize(RestClient.Builder builder);

}
