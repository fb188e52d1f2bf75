package dev.vaultkv.client;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * A Vault token. Its value is available through {@link #getToken()} only; {@link #toString()} reveals
 * nothing about it.
 *
 * @since 0.1.0
 */
public final class VaultToken {

	private final char[] token;

	private VaultToken(char[] token) {
		this.token = token;
	}

	/**
	 * Create a token from its value.
	 * @param token the token value, never empty
	 * @return the token
	 */
	public static VaultToken of(String token) {
		Assert.hasText(token, "'token' must not be empty");
		return new VaultToken(token.toCharArray());
	}

	/**
	 * Return the token value, to be sent to Vault and nowhere else.
	 * @return the token value
	 */
	public String getToken() {
		return new String(this.token);
	}

	@Override
	public boolean equals(Object obj) {
		return (this == obj) || (obj instanceof VaultToken other && Arrays.equals(this.token, other.token));
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.token);
	}

	@Override
	public String toString() {
		return "VaultToken[****]";
	}

}
