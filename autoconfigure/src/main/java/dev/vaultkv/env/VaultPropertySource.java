package dev.vaultkv.env;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.PropertySource;

import dev.vaultkv.secret.SecretReadTrace;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretResolver;
import dev.vaultkv.secret.SecretSource;

/**
 * Resolves {@code ${vault:<reference>}} placeholders, such as {@code ${vault:myapp/db:password}}; see
 * {@link SecretReference} for the syntax. It claims every property name starting with {@code vault:}:
 * a malformed reference, a missing secret or key, and a secret that cannot be read all throw, naming the
 * path and key, instead of returning {@code null} (which would let Spring fall back to the text after the
 * first {@code :} as a default value). A {@code ${} inside a secret value is escaped, so that Spring does
 * not resolve it as a placeholder in turn.
 *
 * @since 0.1.0
 */
public class VaultPropertySource extends PropertySource<Supplier<SecretResolver>> {

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
	 * @param resolver supplies the secret resolver
	 */
	public VaultPropertySource(Supplier<SecretResolver> resolver) {
		super(NAME, resolver);
	}

	/**
	 * Create an instance for {@code vault.enabled=false}: it still claims every {@code vault:} name, and
	 * fails saying that Vault is disabled, so that a placeholder never silently resolves to the text after
	 * its first {@code :}.
	 * @return the property source
	 */
	public static VaultPropertySource disabled() {
		return new VaultPropertySource(() -> {
			throw new InvalidConfigurationPropertyValueException("vault.enabled", false,
					"A ${vault:...} placeholder cannot be resolved while Vault is disabled; enable it or replace the "
							+ "placeholder");
		});
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		SecretReference reference = SecretReference.parse(name.substring(PREFIX.length()));
		SecretResolver resolver = getSource().get();
		String value = SecretSource.with(SecretSource.PLACEHOLDER, () -> resolver.getString(reference));
		SecretReadTrace.record(resolver.locate(reference));
		return escape(value);
	}

	/**
	 * Escape {@code ${} in a secret value: Spring resolves placeholders inside a resolved value again, and a
	 * secret is data.
	 * @param value the value
	 * @return the escaped value
	 */
	static String escape(String value) {
		return value.contains("${") ? value.replace("${", "\\${") : value;
	}

	@Override
	public boolean containsProperty(String name) {
		return name.startsWith(PREFIX);
	}

}
