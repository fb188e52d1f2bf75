package dev.vaultkv.embedded.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2 password hash (userpass stores no plain passwords). The iteration count is modest: this
 * is a development server.
 *
 * @author vaultkv
 */
final class PasswordHash {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int ITERATIONS = 10_000;

	private final byte[] salt;

	private final byte[] hash;

	private PasswordHash(byte[] salt, byte[] hash) {
		this.salt = salt;
		this.hash = hash;
	}

	static PasswordHash of(String password) {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return new PasswordHash(salt, derive(password, salt));
	}

	boolean matches(String password) {
		return MessageDigest.isEqual(this.hash, derive(password, this.salt));
	}

	private static byte[] derive(String password, byte[] salt) {
		try {
			PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
			return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "PasswordHash[******]";
	}

}
