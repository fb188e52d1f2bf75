package dev.vaultkv.kv;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes durations the way Vault does: Go duration strings ({@code "0s"}, {@code "1h30m"},
 * {@code "-1s"}, {@code "1.5h"}) or plain seconds.
 */
final class GoDurations {

	private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

	private GoDurations() {
	}

	/**
	 * Parse a Go duration string, or a number of seconds as Vault also sends them.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a duration
	 */
	static Duration parse(String text) {
		String value = text.trim();
		if (value.isEmpty()) {
			throw new IllegalArgumentException("'" + text + "' is not a duration");
		}
		boolean negative = false;
		int index = 0;
		if (value.charAt(0) == '-' || value.charAt(0) == '+') {
			negative = value.charAt(0) == '-';
			index = 1;
		}
		String unsigned = value.substring(index);
		if (unsigned.equals("0")) {
			return Duration.ZERO;
		}
		if (unsigned.chars().allMatch(Character::isDigit) && !unsigned.isEmpty()) {
			Duration seconds = Duration.ofSeconds(Long.parseLong(unsigned));
			return negative ? seconds.negated() : seconds;
		}
		BigDecimal totalNanos = BigDecimal.ZERO;
		int position = 0;
		while (position < unsigned.length()) {
			int start = position;
			while (position < unsigned.length()
					&& (Character.isDigit(unsigned.charAt(position)) || unsigned.charAt(position) == '.')) {
				position++;
			}
			if (start == position) {
				throw new IllegalArgumentException("'" + text + "' is not a Go duration: a number is missing");
			}
			BigDecimal number;
			try {
				number = new BigDecimal(unsigned.substring(start, position));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + text + "' is not a Go duration: bad number");
			}
			int unitStart = position;
			while (position < unsigned.length() && !Character.isDigit(unsigned.charAt(position))
					&& unsigned.charAt(position) != '.') {
				position++;
			}
			String unit = unsigned.substring(unitStart, position);
			totalNanos = totalNanos.add(number.multiply(nanosPerUnit(text, unit)));
		}
		Duration duration = Duration.ofNanos(totalNanos.longValueExact());
		return negative ? duration.negated() : duration;
	}

	private static BigDecimal nanosPerUnit(String text, String unit) {
		return switch (unit) {
			case "ns" -> BigDecimal.ONE;
			case "us", "\u00b5s", "\u03bcs" -> BigDecimal.valueOf(1_000L);
			case "ms" -> BigDecimal.valueOf(1_000_000L);
			case "s" -> NANOS_PER_SECOND;
			case "m" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(60));
			case "h" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(3600));
			case "" -> throw new IllegalArgumentException("'" + text + "' is not a Go duration: a unit is missing");
			default -> throw new IllegalArgumentException(
					"'" + text + "' is not a Go duration: unknown unit '" + unit.toLowerCase(Locale.ROOT) + "'");
		};
	}

	/**
	 * Parse a JSON value holding a duration: a Go duration string or a number of seconds.
	 * @param text the string value, or {@code null}
	 * @param seconds the numeric value used when {@code text} is {@code null}
	 * @return the duration
	 */
	static Duration parse(@Nullable String text, long seconds) {
		return (text != null) ? parse(text) : Duration.ofSeconds(seconds);
	}

	/**
	 * Format a duration as a Go duration string Vault accepts: whole seconds as {@code "90s"}, anything
	 * finer in nanoseconds.
	 * @param duration the duration
	 * @return the Go duration string
	 */
	static String format(Duration duration) {
		if (duration.getNano() == 0) {
			return duration.getSeconds() + "s";
		}
		return duration.toNanos() + "ns";
	}

}
