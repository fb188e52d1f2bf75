package dev.vaultkv.embedded.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Random identifiers in Vault's formats.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private Ids() {
	}

	/**
	 * Return a random base62 string.
	 * @param length the length
	 * @return the string
	 * @since 0.1.0
	 */
	public static String base62(int length) {
		StringBuilder builder = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			builder.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		return builder.toString();
	}

	/**
	 * Return a random UUID string.
	 * @return the UUID
	 * @since 0.1.0
	 */
	public static String uuid() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Return random lower-case hex.
	 * @param bytes how many random bytes
	 * @return the hex text
	 * @since 0.1.0
	 */
	public static String hex(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return HexFormat.of().formatHex(buffer);
	}

}
