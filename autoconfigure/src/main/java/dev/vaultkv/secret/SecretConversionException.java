package dev.vaultkv.secret;

import dev.vaultkv.client.VaultException;

/**
 * A secret could not be converted to the type it is injected as. The message names the reference and
 * the type, never the value; the original failure is not chained because its message may quote the value.
 *
 * @since 0.1.0
 */
public class SecretConversionException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param reference the reference
	 * @param targetType a description of the target type
	 * @param reason why it failed, without the value
	 */
	public SecretConversionException(SecretReference reference, String targetType, String reason) {
		super("Cannot convert secret '" + reference + "' to " + targetType + ": " + reason);
	}

}
