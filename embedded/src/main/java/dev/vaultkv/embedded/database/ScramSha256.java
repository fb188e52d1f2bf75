package dev.vaultkv.embedded.database;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * PostgreSQL's SCRAM-SHA-256 password verifier, which the PostgreSQL plugin sends instead of the password
 * when {@code password_authentication} is {@code scram-sha-256} (16-byte salt, 4096 iterations).
 *
 * @author vaultkv
 */
final class ScramSha256 {

	private static final int ITERATIONS = 4096;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ScramSha256() {
	}

	static String hash(String password) {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		try {
			SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
			byte[] salted = factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
				.getEncoded();
			byte[] clientKey = hmac(salted, "Client Key");
			byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
			byte[] serverKey = hmac(salted, "Server Key");
			Base64.Encoder base64 = Base64.getEncoder();
			return "SCRAM-SHA-256$" + ITERATIONS + ":" + base64.encodeToString(salt) + "$"
					+ base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
		}
		catch (GeneralSecurityException ex) {
			throw new DatabaseException("unable to scram-sha256 password: " + ex.getMessage());
		}
	}

	private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
	}

}
