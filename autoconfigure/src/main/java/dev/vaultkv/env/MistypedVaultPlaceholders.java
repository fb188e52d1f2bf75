package dev.vaultkv.env;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds placeholders such as {@code ${vualt:myapp/db:password}}: a name close to {@code vault} with a
 * default that looks like a secret reference. Spring resolves them to their default, the reference's text,
 * so the application would silently run with it.
 */
final class MistypedVaultPlaceholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:{}$]+):([^{}]*)}");

	private static final String SEGMENT = "[A-Za-z0-9_.\\-]+";

	private static final Pattern PATH_AND_KEY = Pattern
		.compile(SEGMENT + "(/" + SEGMENT + ")*(#\\d+)?:" + SEGMENT);

	private static final Pattern MOUNT_AND_PATH = Pattern
		.compile(SEGMENT + "(/" + SEGMENT + ")*//" + SEGMENT + "(/" + SEGMENT + ")*(#\\d+)?(:" + SEGMENT + ")?");

	private static final int MAX_DISTANCE = 2;

	private MistypedVaultPlaceholders() {
	}

	/**
	 * Return the names of the mistyped placeholders in a value.
	 * @param value the value
	 * @return the placeholder names, possibly none
	 */
	static Set<String> find(CharSequence value) {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(value);
		while (matcher.find()) {
			String name = matcher.group(1).trim();
			if (isCloseToVault(name) && looksLikeReference(matcher.group(2).trim())) {
				names.add(name);
			}
		}
		return names;
	}

	private static boolean isCloseToVault(String name) {
		return !name.equals("vault") && distance(name.toLowerCase(Locale.ROOT), "vault") <= MAX_DISTANCE;
	}

	private static boolean looksLikeReference(String value) {
		return PATH_AND_KEY.matcher(value).matches() || MOUNT_AND_PATH.matcher(value).matches();
	}

	private static int distance(String a, String b) {
		if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
			return MAX_DISTANCE + 1;
		}
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
