package dev.vaultkv.embedded.auth;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations the way Vault's {@code TypeDurationSecond} fields do: whole seconds ({@code 300},
 * {@code "300"}) or Go duration strings ({@code "1h30m"}, {@code "90s"}, {@code "1.5h"}, {@code "2d"}).
 *
 * @author vaultkv
 */
final class GoDurations {

	private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of("ns", BigDecimal.ONE, "us",
			BigDecimal.valueOf(1_000), "µs", BigDecimal.valueOf(1_000), "ms", BigDecimal.valueOf(1_000_000), "s",
			BigDecimal.valueOf(1_000_000_000L), "m", BigDecimal.valueOf(60_000_000_000L), "h",
			BigDecimal.valueOf(3_600_000_000_000L), "d", BigDecimal.valueOf(86_400_000_000_000L));

	private GoDurations() {
	}

	/**
	 * Parse a duration.
	 * @param text the text
	 * @return the duration
	 * @throws IllegalArgumentException if the text is no duration
	 */
	static Duration parse(String text) {
		String value = text.trim();
		if (value.isEmpty()) {
			return Duration.ZERO;
		}
		if (value.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		boolean negative = value.startsWith("-");
		if (negative || value.startsWith("+")) {
			value = value.substring(1);
		}
		BigDecimal nanos = BigDecimal.ZERO;
		int i = 0;
		while (i < value.length()) {
			int start = i;
			while (i < value.length() && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')) {
				i++;
			}
			String number = value.substring(start, i);
			int unitStart = i;
			while (i < value.length() && !Character.isDigit(value.charAt(i)) && value.charAt(i) != '.') {
				i++;
			}
			String unit = value.substring(unitStart, i);
			BigDecimal perUnit = NANOS_PER_UNIT.get(unit);
			if (number.isEmpty() || number.equals(".") || perUnit == null) {
				throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
			}
			nanos = nanos.add(new BigDecimal(number).multiply(perUnit));
		}
		Duration duration = Duration.ofNanos(nanos.longValue());
		return negative ? duration.negated() : duration;
	}

}
