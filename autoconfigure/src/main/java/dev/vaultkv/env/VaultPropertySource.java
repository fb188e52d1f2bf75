package dev.vaultkv.env;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertySource;

import dev.vaultkv.secret.SecretReference;

/**
 * Resolves {@code ${vault:<reference>}} placeholders, such as {@code ${vault:myapp/db:password}}; see
 * {@link SecretReference} for the syntax. It claims every property name starting with {@code vault:}:
 * a malformed reference, a missing secret or key, and a secret that cannot be read all throw, naming the
 * path and key, instead of returning {@code null} (which would let Spring fall back to the text after the
 * first {@code :} as a default value).
 *
 * @since 0.1.0
 */
public class VaultPropertySource extends PropertySource<VaultBootstrap> {

	/**
	 * The name of this property source.
	 */
	public static final String NAME = "vault";

	/**
	 * The prefix of the property names this source resolves.
	 */
	public static final String PREFIX = "vault:";

	/**
	 * Create a new instance.
	 * @param bootstrap supplies the secret resolver
	 */
	public VaultPropertySource(VaultBootstrap bootstrap) {
		super(NAME, bootstrap);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		SecretReference reference = SecretReference.parse(name.substring(PREFIX.length()));
		return getSource().getSecretResolver().getString(reference);
	}

	@Override
	public boolean containsProperty(String name) {
		return name.startsWith(PREFIX);
	}

}
