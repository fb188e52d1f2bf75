package dev.vaultkv.autoconfigure.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.Flavour;

/**
 * {@link VaultConnectionDetails} of an {@link EmbeddedVaultServer}: its address and root token.
 *
 * @since 0.1.0
 */
public final class EmbeddedVaultConnectionDetails implements VaultConnectionDetails {

	private static final String SERVER_CLASS = "dev.vaultkv.embedded.EmbeddedVaultServer";

	private static final Log logger = LogFactory.getLog(EmbeddedVaultConnectionDetails.class);

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
		return start(properties, classLoader, (name) -> {
			throw new NoSuchSslBundleException(name, "No SSL bundles are available");
		});
	}

	/**
	 * Start an embedded server as {@code vault.embedded.*} says, serving HTTPS with the SSL bundle named by
	 * {@code vault.embedded.ssl-bundle} if set.
	 * @param properties the settings
	 * @param classLoader the class loader to look the server up with
	 * @param sslBundles looks SSL bundles up by name
	 * @return the started server
	 * @throws InvalidConfigurationPropertyValueException if {@code vaultkv-embedded} is not on the
	 * classpath or the SSL bundle cannot be used
	 * @since 0.1.0
	 */
	public static EmbeddedVaultServer start(VaultProperties.Embedded properties, ClassLoader classLoader,
			Function<String, SslBundle> sslBundles) {
		if (!ClassUtils.isPresent(SERVER_CLASS, classLoader)) {
			throw new InvalidConfigurationPropertyValueException("vault.embedded.enabled", true,
					"The embedded dev server needs dev.vaultkv:vaultkv-embedded on the classpath");
		}
		EmbeddedVaultServer.Builder builder = EmbeddedVaultServer.builder()
			.port(properties.getPort())
			.console(properties.getConsole().isEnabled())
			.flavour(Flavour.valueOf(properties.getFlavour().name()));
		String seed = properties.getSeedFile();
		if (StringUtils.hasText(seed)) {
			seed(builder, seed, classLoader);
		}
		String bundle = properties.getSslBundle();
		if (StringUtils.hasText(bundle)) {
			tls(builder, bundle, sslBundles);
		}
		EmbeddedVaultServer server = builder.start();
		URI console = server.getConsoleAddress();
		if (console != null) {
			logger.info("Embedded Vault dev server console at " + console
					+ " (sign in with the root token; vault.embedded.console.enabled=false turns it off)");
		}
		return server;
	}

	private static void tls(EmbeddedVaultServer.Builder builder, String name, Function<String, SslBundle> sslBundles) {
		try {
			SslBundle bundle = sslBundles.apply(name);
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore == null) {
				throw new IllegalArgumentException("the bundle has no key store with the server certificate and key");
			}
			String keyPassword = bundle.getKey().getPassword();
			if (keyPassword == null) {
				keyPassword = bundle.getStores().getKeyStorePassword();
			}
			builder.tls(keyStore, (keyPassword != null) ? keyPassword.toCharArray() : new char[0],
					certificates(bundle.getStores().getTrustStore()));
		}
		catch (RuntimeException | KeyStoreException ex) {
			throw new InvalidConfigurationPropertyValueException("vault.embedded.ssl-bundle", name,
					"The SSL bundle cannot serve HTTPS: " + ex.getMessage());
		}
	}

	private static List<X509Certificate> certificates(@Nullable KeyStore trustStore) throws KeyStoreException {
		List<X509Certificate> certificates = new ArrayList<>();
		if (trustStore != null) {
			for (String alias : Collections.list(trustStore.aliases())) {
				if (trustStore.getCertificate(alias) instanceof X509Certificate certificate) {
					certificates.add(certificate);
				}
			}
		}
		return certificates;
	}

	private static void seed(EmbeddedVaultServer.Builder builder, String location, ClassLoader classLoader) {
		Resource resource = new DefaultResourceLoader(classLoader).getResource(location);
		if (!resource.exists()) {
			resource = new FileSystemResource(location);
		}
		try (InputStream input = resource.getInputStream()) {
			builder.seed(location, input);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException("vault.embedded.seed-file", location,
					"The seed file cannot be read: " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("vault.embedded.seed-file", location, ex.getMessage());
		}
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
