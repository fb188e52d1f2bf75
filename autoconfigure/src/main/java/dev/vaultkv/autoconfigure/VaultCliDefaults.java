package dev.vaultkv.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The fallbacks the {@code vault} CLI uses when nothing is configured: the {@code VAULT_ADDR},
 * {@code VAULT_TOKEN} and {@code VAULT_NAMESPACE} environment variables and the {@code ~/.vault-token}
 * file. Values are looked up through a {@link PropertyResolver} (normally the Spring
 * {@code Environment}, which includes the system environment), so tests can control them.
 *
 * @since 0.1.0
 */
public final class VaultCliDefaults {

	private final PropertyResolver resolver;

	/**
	 * Create a new instance.
	 * @param resolver where to look the variables up
	 */
	public VaultCliDefaults(PropertyResolver resolver) {
		Assert.notNull(resolver, "'resolver' must not be null");
		this.resolver = resolver;
	}

	/**
	 * Return {@code VAULT_ADDR}.
	 * @return the address or {@code null}
	 */
	public @Nullable String getAddress() {
		return text("VAULT_ADDR");
	}

	/**
	 * Return {@code VAULT_NAMESPACE}.
	 * @return the namespace or {@code null}
	 */
	public @Nullable String getNamespace() {
		return text("VAULT_NAMESPACE");
	}

	/**
	 * Return {@code VAULT_TOKEN}, else the content of {@code ~/.vault-token} ({@code user.home}).
	 * @return the token or {@code null}
	 */
	public @Nullable String getToken() {
		String token = text("VAULT_TOKEN");
		if (token != null) {
			return token;
		}
		String home = text("user.home");
		if (home == null) {
			return null;
		}
		Path file = Path.of(home, ".vault-token");
		if (!Files.isReadable(file)) {
			return null;
		}
		try {
			String content = Files.readString(file, StandardCharsets.UTF_8).trim();
			return content.isEmpty() ? null : content;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private @Nullable String text(String name) {
		String value = this.resolver.getProperty(name);
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
