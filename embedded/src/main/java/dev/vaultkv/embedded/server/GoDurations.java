package dev.vaultkv.embedded.server;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses and formats durations the way Vault does: integers are seconds, strings are Go durations
 * ({@code 1h30m}, {@code 300s}) or plain seconds.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class GoDurations {

	private static final Pattern UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h|d)");

	private GoDurations() {
	}

	/**
	 * Parse a duration text.
	 * @param text seconds ({@code "300"}) or a Go duration ({@code "5m"}, {@code "1h2m3s"}, {@code "-1s"})
	 * @return the duration
	 * @throws IllegalArgumentException if the text is not a duration
	 * @since 0.1.0
	 */
	public static Duration parse(String text) {
		String value = text.trim();
		if (value.isEmpty()) {
			return Duration.ZERO;
		}
		boolean negative = false;
		if (value.startsWith("-") || value.startsWith("+")) {
			negative = value.startsWith("-");
			value = value.substring(1);
		}
		Duration result;
		if (value.chars().allMatch(Character::isDigit)) {
			result = Duration.ofSeconds(Long.parseLong(value));
		}
		else {
			result = parseUnits(text, value);
		}
		return negative ? result.negated() : result;
	}

	private static Duration parseUnits(String original, String value) {
		Matcher matcher = UNIT.matcher(value);
		int position = 0;
		BigDecimal nanos = BigDecimal.ZERO;
		while (position < value.length()) {
			if (!matcher.find(position) || matcher.start() != position) {
				throw new IllegalArgumentException("time: invalid duration \"" + original + "\"");
			}
			BigDecimal amount = new BigDecimal(matcher.group(1).startsWith(".") ? "0" + matcher.group(1)
					: matcher.group(1).endsWith(".") ? matcher.group(1) + "0" : matcher.group(1));
			nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unitNanos(matcher.group(2)))));
			position = matcher.end();
		}
		return Duration.ofNanos(nanos.longValue());
	}

	private static long unitNanos(String unit) {
		return switch (unit) {
			case "ns" -> 1L;
			case "us", "µs" -> 1_000L;
			case "ms" -> 1_000_000L;
			case "s" -> 1_000_000_000L;
			case "m" -> 60_000_000_000L;
			case "h" -> 3_600_000_000_000L;
			default -> 86_400_000_000_000L;
		};
	}

	/**
	 * Parse a JSON parameter that may be a number of seconds or a duration text.
	 * @param node the node, possibly {@code null}
	 * @return the duration, or {@code null} if absent or empty
	 * @throws IllegalArgumentException if the value is not a duration
	 * @since 0.1.0
	 */
	public static @Nullable Duration parse(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isNumber()) {
			return Duration.ofSeconds(node.asLong());
		}
		String text = node.asString();
		if (text.isBlank()) {
			return null;
		}
		return parse(text);
	}

	/**
	 * Format whole seconds like Vault's human durations: zero units dropped ({@code 1h}, {@code 12m3s},
	 * {@code 768h}, {@code 0s}).
	 * @param duration the duration
	 * @return the text
	 * @since 0.1.0
	 */
	public static String format(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds == 0) {
			return "0s";
		}
		StringBuilder builder = new StringBuilder();
		if (seconds < 0) {
			builder.append('-');
			seconds = -seconds;
		}
		long hours = seconds / 3600;
		long minutes = (seconds % 3600) / 60;
		long secs = seconds % 60;
		if (hours > 0) {
			builder.append(hours).append('h');
		}
		if (minutes > 0) {
			builder.append(minutes).append('m');
		}
		if (secs > 0) {
			builder.append(secs).append('s');
		}
		return builder.toString();
	}

}
