package dev.vaultkv.embedded.kv;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Go {@code time.Duration} text: formatting whole seconds like {@code Duration.String()} ({@code "1h0m0s"},
 * {@code "-1s"}, {@code "0s"}) and parsing like {@code time.ParseDuration}.
 *
 * @author vaultkv
 */
final class GoDurations {

	private static final Map<String, Long> UNIT_NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
			"\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

	private GoDurations() {
	}

	/**
	 * Format whole seconds as Go prints a {@code time.Duration}.
	 * @param seconds the seconds, may be negative
	 * @return the text
	 */
	static String format(long seconds) {
		if (seconds == 0) {
			return "0s";
		}
		StringBuilder text = new StringBuilder();
		if (seconds < 0) {
			text.append('-');
		}
		long abs = Math.abs(seconds);
		long hours = abs / 3600;
		long minutes = (abs % 3600) / 60;
		long secs = abs % 60;
		if (hours > 0) {
			text.append(hours).append('h').append(minutes).append('m');
		}
		else if (minutes > 0) {
			text.append(minutes).append('m');
		}
		return text.append(secs).append('s').toString();
	}

	/**
	 * Parse Go duration text ({@code "1h30m"}, {@code "1.5s"}, {@code "-2m"}) into nanoseconds.
	 * @param text the text
	 * @return the nanoseconds
	 * @throws IllegalArgumentException with Go's message when the text is not a duration
	 */
	static long parseNanos(String text) {
		String rest = text;
		boolean negative = false;
		if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
			negative = rest.charAt(0) == '-';
			rest = rest.substring(1);
		}
		if ("0".equals(rest)) {
			return 0;
		}
		if (rest.isEmpty()) {
			throw invalid(text);
		}
		BigDecimal total = BigDecimal.ZERO;
		while (!rest.isEmpty()) {
			int i = 0;
			while (i < rest.length() && (Character.isDigit(rest.charAt(i)) || rest.charAt(i) == '.')) {
				i++;
			}
			String number = rest.substring(0, i);
			if (number.isEmpty() || ".".equals(number) || number.indexOf('.') != number.lastIndexOf('.')) {
				throw invalid(text);
			}
			rest = rest.substring(i);
			int j = 0;
			while (j < rest.length() && rest.charAt(j) != '.' && !Character.isDigit(rest.charAt(j))) {
				j++;
			}
			String unit = rest.substring(0, j);
			if (unit.isEmpty()) {
				throw new IllegalArgumentException("time: missing unit in duration " + GoStrings.quote(text));
			}
			Long nanos = UNIT_NANOS.get(unit);
			if (nanos == null) {
				throw new IllegalArgumentException(
						"time: unknown unit " + GoStrings.quote(unit) + " in duration " + GoStrings.quote(text));
			}
			total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanos)));
			rest = rest.substring(j);
		}
		if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
			throw invalid(text);
		}
		long value = total.longValue();
		return negative ? -value : value;
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("time: invalid duration " + GoStrings.quote(text));
	}

}
