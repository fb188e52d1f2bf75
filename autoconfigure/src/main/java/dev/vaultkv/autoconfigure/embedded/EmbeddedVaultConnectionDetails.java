package dev.vaultkv.autoconfigure.embedded;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;

/**
 * {@link VaultConnectionDetails} of an {@link EmbeddedVaultServer}: its address and root token.
 *
 * @since 0.1.0
 */
public final class EmbeddedVaultConnectionDetails implements VaultConnectionDetails {

	private static final String SERVER_CLASS = "dev.vaultkv.embedded.EmbeddedVaultServer";

	private final EmbeddedVaultServer server;

	/**
	 * Create a new instance.
	 * @param server the server
	 */
	public EmbeddedVaultConnectionDetails(EmbeddedVaultServer server) {
		Assert.notNull(server, "'server' must not be null");
		this.server = server;
	}

	/**
	 * Start an embedded server as {@code vault.embedded.*} says.
	 * @param properties the settings
	 * @param classLoader the class loader to look the server up with
	 * @return the started server
	 * @throws InvalidConfigurationPropertyValueException if {@code vaultkv-embedded} is not on the
	 * classpath
	 */
	public static EmbeddedVaultServer start(VaultProperties.Embedded properties, ClassLoader classLoader) {
		if (!ClassUtils.isPresent(SERVER_CLASS, classLoader)) {
			throw new InvalidConfigurationPropertyValueException("vault.embedded.enabled", true,
					"The embedded dev server needs dev.vaultkv:vaultkv-embedded on the classpath");
		}
		EmbeddedVaultServer.Builder builder = EmbeddedVaultServer.builder().port(properties.getPort());
		if (StringUtils.hasText(properties.getSeedFile())) {
			builder.seed(Path.of(properties.getSeedFile()));
		}
		return builder.start();
	}

	/**
	 * Return the server.
	 * @return the server
	 */
	public EmbeddedVaultServer getServer() {
		return this.server;
	}

	@Override
	public URI getUri() {
		return this.server.getAddress();
	}

	@Override
	public VaultToken getToken() {
		return VaultToken.of(this.server.getRootToken());
	}

	@Override
	public String toString() {
		return "EmbeddedVaultConnectionDetails[uri=" + getUri() + ", token=****]";
	}

}
