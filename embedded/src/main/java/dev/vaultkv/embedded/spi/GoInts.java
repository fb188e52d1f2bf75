package dev.vaultkv.embedded.spi;

import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Function;

/**
 * Go's {@code strconv.ParseInt(s, 0, 64)}: an optional sign, then a {@code 0x}, {@code 0o}, {@code 0b} or
 * {@code 0} (octal) prefix or none, underscores between digits or right after a prefix (Go's base-0
 * rules).
 *
 * @author vaultkv
 */
final class GoInts {

	private GoInts() {
	}

	/**
	 * Parse a string as Go does with base 0 into 64 bits.
	 * @param text the text
	 * @param failure builds the exception from Go's reason ({@code invalid syntax} or
	 * {@code value out of range})
	 * @return the value
	 */
	static long parseBaseZero(String text, Function<String, IllegalArgumentException> failure) {
		String digits = text;
		boolean negative = false;
		if (digits.startsWith("+") || digits.startsWith("-")) {
			negative = digits.charAt(0) == '-';
			digits = digits.substring(1);
		}
		int radix = 10;
		boolean prefixed = false;
		String lower = digits.toLowerCase(Locale.ROOT);
		if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
			radix = (lower.charAt(1) == 'x') ? 16 : (lower.charAt(1) == 'o') ? 8 : 2;
			digits = digits.substring(2);
			prefixed = true;
		}
		else if (digits.length() > 1 && digits.charAt(0) == '0') {
			radix = 8;
			digits = digits.substring(1);
			prefixed = true;
		}
		if (digits.contains("_")) {
			// Go's base 0 takes "_" between digits, or right after a base prefix ("0" of octal included)
			if ((digits.startsWith("_") && !prefixed) || digits.endsWith("_") || digits.contains("__")) {
				throw failure.apply("invalid syntax");
			}
			digits = digits.replace("_", "");
		}
		if (digits.isEmpty() || digits.charAt(0) == '-' || digits.charAt(0) == '+') {
			throw failure.apply("invalid syntax");
		}
		BigInteger value;
		try {
			value = new BigInteger(digits, radix);
		}
		catch (NumberFormatException ex) {
			throw failure.apply("invalid syntax");
		}
		value = negative ? value.negate() : value;
		if (value.bitLength() > 63) {
			throw failure.apply("value out of range");
		}
		return value.longValue();
	}

}
