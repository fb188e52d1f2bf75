package dev.vaultkv.embedded.auth;

import java.util.Collection;

/**
 * Vault's glob matching: {@code *} matches any run of characters (including none) anywhere in the pattern;
 * there are no other special characters.
 *
 * @author vaultkv
 */
final class Globs {

	private Globs() {
	}

	static boolean matches(String pattern, String subject) {
		if (pattern.equals("*")) {
			return true;
		}
		String[] parts = pattern.split("\\*", -1);
		if (parts.length == 1) {
			return subject.equals(pattern);
		}
		boolean leadingGlob = pattern.startsWith("*");
		boolean trailingGlob = pattern.endsWith("*");
		int last = parts.length - 1;
		String rest = subject;
		for (int i = 0; i < last; i++) {
			int index = rest.indexOf(parts[i]);
			if (i == 0 ? (!leadingGlob && index != 0) : index < 0) {
				return false;
			}
			rest = rest.substring(index + parts[i].length());
		}
		return trailingGlob || rest.endsWith(parts[last]);
	}

	static boolean anyMatches(Collection<String> patterns, String subject) {
		return patterns.stream().anyMatch((pattern) -> matches(pattern, subject));
	}

}
