package dev.vaultkv.secret;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultSealedException;

/**
 * Thrown when a secret is asked for while Vault cannot answer yet (unreachable or sealed), typically
 * after the application started with {@code vault.fail-fast=false}. Reads work again as soon as Vault
 * answers; nothing needs to be restarted.
 *
 * @since 0.1.0
 */
public class VaultNotReadyException extends VaultException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param what what was asked for, for example a secret path (never a value)
	 * @param cause why Vault is not ready
	 */
	public VaultNotReadyException(String what, VaultException cause) {
		super("Vault is not ready (" + reason(cause) + "), so " + what
				+ " cannot be read yet; it will be once Vault answers. Check vault.uri and Vault's seal status",
				cause);
	}

	private VaultNotReadyException(String message, VaultException cause, boolean loginFailed) {
		super(message, cause);
	}

	/**
	 * Return the exception for something that needs a logged-in client while logging in fails.
	 * @param what what was asked for (never a value)
	 * @param cause why the login failed
	 * @return the exception
	 */
	public static VaultNotReadyException notLoggedIn(String what, VaultException cause) {
		if (isNotReady(cause)) {
			return new VaultNotReadyException(what, cause);
		}
		return new VaultNotReadyException("Vault is not ready (the client is not logged in: "
				+ cause.getClass().getSimpleName() + "), so " + what + " cannot be used yet; check the login"
				+ " settings (vault.authentication and its group)", cause, true);
	}

	@Override
	public boolean isTransient() {
		return true;
	}

	/**
	 * Return the exception to throw for a failure: a {@link VaultNotReadyException} when Vault is
	 * unreachable or sealed, else the failure itself.
	 * @param what what was asked for (never a value)
	 * @param ex the failure
	 * @return the exception to throw
	 */
	public static VaultException translate(String what, VaultException ex) {
		if (ex instanceof VaultNotReadyException) {
			return ex;
		}
		return (isNotReady(ex)) ? new VaultNotReadyException(what, ex) : ex;
	}

	/**
	 * Return whether a failure means that Vault cannot answer yet (unreachable or sealed).
	 * @param ex the failure
	 * @return whether Vault is not ready
	 */
	public static boolean isNotReady(@Nullable Throwable ex) {
		return ex instanceof VaultConnectionException || ex instanceof VaultSealedException
				|| ex instanceof VaultNotReadyException;
	}

	private static String reason(VaultException cause) {
		return (cause instanceof VaultSealedException) ? "sealed" : "unreachable";
	}

}
