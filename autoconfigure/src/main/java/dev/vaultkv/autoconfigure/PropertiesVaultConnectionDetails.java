package dev.vaultkv.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import dev.vaultkv.client.VaultToken;

/**
 * {@link VaultConnectionDetails} from {@link VaultProperties}, with the {@code vault} CLI's fallbacks
 * ({@code VAULT_ADDR}, {@code VAULT_NAMESPACE}, {@code VAULT_TOKEN}, {@code ~/.vault-token}).
 *
 * @since 0.1.0
 */
public class PropertiesVaultConnectionDetails implements VaultConnectionDetails {

	private final VaultProperties properties;

	private final VaultCliDefaults cliDefaults;

	/**
	 * Create a new instance.
	 * @param properties the properties
	 * @param cliDefaults the CLI fallbacks
	 */
	public PropertiesVaultConnectionDetails(VaultProperties properties, VaultCliDefaults cliDefaults) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(cliDefaults, "'cliDefaults' must not be null");
		this.properties = properties;
		this.cliDefaults = cliDefaults;
	}

	@Override
	public URI getUri() {
		String configured = this.properties.getUri();
		String uri = StringUtils.hasText(configured) ? configured.trim() : this.cliDefaults.getAddress();
		if (uri == null) {
			throw new InvalidConfigurationPropertyValueException("vault.uri", null,
					"No Vault address is configured; set vault.uri or the VAULT_ADDR environment variable");
		}
		return parse(uri, (configured != null) ? "vault.uri" : "VAULT_ADDR");
	}

	@Override
	public @Nullable String getNamespace() {
		String namespace = this.properties.getNamespace();
		return StringUtils.hasText(namespace) ? namespace.trim() : this.cliDefaults.getNamespace();
	}

	@Override
	public @Nullable String getAuthenticationNamespace() {
		String namespace = this.properties.getAuthenticationNamespace();
		return (namespace != null) ? namespace.trim() : getNamespace();
	}

	@Override
	public @Nullable VaultToken getToken() {
		if (this.properties.getAuthentication() != VaultProperties.AuthenticationMethod.TOKEN) {
			return null;
		}
		String token = this.properties.getToken();
		token = StringUtils.hasText(token) ? token.trim() : this.cliDefaults.getToken();
		return (token != null) ? VaultToken.of(token) : null;
	}

	static URI parse(String uri, String property) {
		try {
			URI parsed = new URI(uri);
			String scheme = (parsed.getScheme() != null) ? parsed.getScheme().toLowerCase(Locale.ROOT) : null;
			if (!"http".equals(scheme) && !"https".equals(scheme)) {
				throw new InvalidConfigurationPropertyValueException(property, uri,
						"The Vault address must be an absolute http or https URI, for example https://vault.example.com:8200");
			}
			if (parsed.getHost() == null) {
				throw new InvalidConfigurationPropertyValueException(property, uri, "The Vault address has no host");
			}
			return parsed;
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(property, uri,
					"The Vault address is not a valid URI: " + ex.getReason());
		}
	}

	@Override
	public String toString() {
		return "PropertiesVaultConnectionDetails[uri=" + this.properties.getUri() + ", namespace="
				+ this.properties.getNamespace() + ", authentication=" + this.properties.getAuthentication() + "]";
	}

}
