package dev.vaultkv.embedded.database;

import java.security.SecureRandom;

/**
 * Vault's default password generator ({@code random.DefaultStringGenerator}): 20 characters from
 * {@code [A-Za-z0-9-]} with at least one lower-case letter, upper-case letter, digit and {@code -}.
 *
 * @author vaultkv
 */
final class PasswordGenerator {

	private static final String CHARSET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int LENGTH = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private PasswordGenerator() {
	}

	static String generate() {
		while (true) {
			char[] candidate = new char[LENGTH];
			for (int i = 0; i < LENGTH; i++) {
				candidate[i] = CHARSET.charAt(RANDOM.nextInt(CHARSET.length()));
			}
			if (passesRules(candidate)) {
				return new String(candidate);
			}
		}
	}

	private static boolean passesRules(char[] candidate) {
		boolean lower = false;
		boolean upper = false;
		boolean digit = false;
		boolean dash = false;
		for (char c : candidate) {
			lower |= c >= 'a' && c <= 'z';
			upper |= c >= 'A' && c <= 'Z';
			digit |= c >= '0' && c <= '9';
			dash |= c == '-';
		}
		return lower && upper && digit && dash;
	}

}
