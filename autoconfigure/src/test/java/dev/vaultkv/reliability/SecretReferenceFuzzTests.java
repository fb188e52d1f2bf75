package dev.vaultkv.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vaultkv.secret.InvalidSecretReferenceException;
import dev.vaultkv.secret.SecretReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random references through the starter's reference parser: each either parses into a
 * reference that prints back to an equal reference, or fails with an
 * {@link InvalidSecretReferenceException} with a bounded message; nothing else.
 */
class SecretReferenceFuzzTests {

	private static final long SEED = 0x5EC12E7L;

	private static final int CASES = 20_000;

	private static final String[] FRAGMENTS = { "/", "//", "///", ":", "::", "#", "##", ".", "..", "../", "./", "a",
			"db", "myapp", "kv-2", "team_kv", "password", "1", "0", "42", "-1", "99999999999999999999", " ", "\t",
			"\n", "\u0000", "\u007f", "é", "日本", "\uD83D\uDD11", "\uD800", "\uDC00", "%2F", "%", "?", "&", "=",
			"*", "+", "\\", "\"", "'", "{", "}", "${", "vault:", "sys/", "data/", "metadata/" };

	@Test
	void randomReferencesParseConsistentlyOrFailWithAClearError() {
		Random random = new Random(SEED);
		List<String> inputs = new ArrayList<>(List.of("", " ", "::", "..", ":", "#", "//", "a//", "//a", "a:",
				"a#", "a#0", "a#-1", "a/../b", "./a", "a/./b", "a//b//c:d", "a:b:c", "a#1#2", "\uD83D\uDD11:\uD83D\uDD11",
				"x".repeat(100_000), "a/".repeat(20_000) + "b", "k:" + "v".repeat(50_000)));
		for (int i = 0; i < CASES; i++) {
			inputs.add(randomReference(random));
		}
		for (String input : inputs) {
			check(input);
		}
	}

	static void check(String input) {
		SecretReference reference;
		try {
			reference = SecretReference.parse(input);
		}
		catch (InvalidSecretReferenceException ex) {
			assertThat(ex.getMessage()).isNotBlank().hasSizeLessThan(2_000);
			return;
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Unexpected " + ex.getClass().getName() + " for " + describe(input), ex);
		}
		assertThat(reference.path()).isNotEmpty().doesNotStartWith("/").doesNotEndWith("/").doesNotContain("//");
		assertThat(reference.version()).isNotNegative();
		if (reference.key() != null) {
			assertThat(reference.key()).isNotEmpty().doesNotContain("/", "#", ":");
		}
		SecretReference again;
		try {
			again = SecretReference.parse(reference.toString());
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Printed reference of " + describe(input) + " does not parse", ex);
		}
		if (!again.equals(reference)) {
			fail("%s parsed to %s, which parses to %s", describe(input), reference, again);
		}
	}

	private static String randomReference(Random random) {
		StringBuilder builder = new StringBuilder();
		int parts = 1 + random.nextInt(8);
		for (int i = 0; i < parts; i++) {
			if (random.nextInt(4) == 0) {
				builder.appendCodePoint(random.nextInt(0x2FFFF));
			}
			else {
				builder.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
			}
		}
		return builder.toString();
	}

	private static String describe(String input) {
		return (input.length() > 80) ? "'" + input.substring(0, 80) + "...' (" + input.length() + " chars)"
				: "'" + input + "'";
	}

}
