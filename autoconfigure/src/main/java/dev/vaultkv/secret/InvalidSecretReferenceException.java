package dev.vaultkv.secret;

import dev.vaultkv.client.VaultException;

/**
 * A secret reference ({@code myapp/db:password}) could not be parsed. The message names the reference
 * and what is wrong with it.
 *
 * @since 0.1.0
 */
public class InvalidSecretReferenceException extends VaultException {

	private static final long serialVersionUID = 1L;

	private final String reference;

	/**
	 * Create a new instance.
	 * @param reference the reference
	 * @param reason what is wrong with it
	 */
	public InvalidSecretReferenceException(String reference, String reason) {
		super("Invalid secret reference '" + abbreviate(reference) + "': " + reason + ". Expected "
				+ SecretReference.SYNTAX);
		this.reference = reference;
	}

	/**
	 * Return the reference that could not be parsed.
	 * @return the reference
	 */
	public String getReference() {
		return this.reference;
	}

	private static String abbreviate(String reference) {
		return (reference.length() > 200) ? reference.substring(0, 200) + "..." : reference;
	}

}
