package dev.vaultkv.env;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.config.ConfigDataResource;

import dev.vaultkv.secret.SecretReference;

/**
 * A secret imported with {@code spring.config.import=vault:<path>[?prefix=<prefix>]}, or, for
 * {@code spring.config.import=vault:} without a path, the conventional contexts
 * ({@code <application>/<profile>}, {@code <application>}, {@code application/<profile>},
 * {@code application}).
 *
 * @since 0.1.0
 */
public final class VaultConfigDataResource extends ConfigDataResource {

	private final @Nullable SecretReference reference;

	private final String prefix;

	private final boolean optional;

	/**
	 * Create a new instance.
	 * @param reference the secret (without a key)
	 * @param prefix the prefix of the property names, possibly empty
	 * @param optional whether the location was {@code optional:}
	 */
	public VaultConfigDataResource(SecretReference reference, String prefix, boolean optional) {
		super(optional);
		this.reference = reference;
		this.prefix = prefix;
		this.optional = optional;
	}

	private VaultConfigDataResource(boolean optional) {
		super(optional);
		this.reference = null;
		this.prefix = "";
		this.optional = optional;
	}

	/**
	 * Create the resource of {@code spring.config.import=vault:} without a path: the conventional contexts,
	 * known once the active profiles and the application name are.
	 * @param optional whether the location was {@code optional:}
	 * @return the resource
	 * @since 0.1.0
	 */
	public static VaultConfigDataResource conventionalContexts(boolean optional) {
		return new VaultConfigDataResource(optional);
	}

	/**
	 * Return the imported secret.
	 * @return the reference, {@code null} for the conventional contexts
	 */
	public @Nullable SecretReference getReference() {
		return this.reference;
	}

	/**
	 * Return whether the location was {@code optional:}: a missing secret is then absent, not an error.
	 * @return whether the import is optional
	 * @since 0.1.0
	 */
	public boolean isOptional() {
		return this.optional;
	}

	/**
	 * Return whether this resource stands for the conventional contexts.
	 * @return whether the location had no path
	 * @since 0.1.0
	 */
	public boolean isConventionalContexts() {
		return this.reference == null;
	}

	/**
	 * Return the prefix of the property names.
	 * @return the prefix, possibly empty
	 */
	public String getPrefix() {
		return this.prefix;
	}

	@Override
	public boolean equals(Object obj) {
		return (this == obj) || (obj instanceof VaultConfigDataResource other && Objects.equals(this.reference, other.reference)
				&& this.prefix.equals(other.prefix));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.reference, this.prefix);
	}

	@Override
	public String toString() {
		if (this.reference == null) {
			return "vault:";
		}
		return "vault:" + this.reference + (this.prefix.isEmpty() ? "" : "?prefix=" + this.prefix);
	}

}
