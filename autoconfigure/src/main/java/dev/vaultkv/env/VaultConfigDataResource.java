package dev.vaultkv.env;

import java.util.Objects;

import org.springframework.boot.context.config.ConfigDataResource;

import dev.vaultkv.secret.SecretReference;

/**
 * A secret imported with {@code spring.config.import=vault:<path>[?prefix=<prefix>]}.
 *
 * @since 0.1.0
 */
public final class VaultConfigDataResource extends ConfigDataResource {

	private final SecretReference reference;

	private final String prefix;

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
	}

	/**
	 * Return the imported secret.
	 * @return the reference
	 */
	public SecretReference getReference() {
		return this.reference;
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
		return (this == obj) || (obj instanceof VaultConfigDataResource other && this.reference.equals(other.reference)
				&& this.prefix.equals(other.prefix));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.reference, this.prefix);
	}

	@Override
	public String toString() {
		return "vault:" + this.reference + (this.prefix.isEmpty() ? "" : "?prefix=" + this.prefix);
	}

}
