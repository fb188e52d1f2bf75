package dev.vaultkv.embedded.kv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Formats instants the way Go's {@code time.RFC3339Nano} does in UTC: up to nine fraction digits with
 * trailing zeros trimmed, no fraction at all for whole seconds.
 *
 * @author vaultkv
 */
final class VaultTimestamps {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private VaultTimestamps() {
	}

	/**
	 * Format an instant, or {@code ""} for none (Vault's rendering of an unset timestamp).
	 * @param instant the instant
	 * @return the RFC 3339 text
	 */
	static String format(@Nullable Instant instant) {
		if (instant == null) {
			return "";
		}
		StringBuilder text = new StringBuilder(30);
		text.append(SECONDS.format(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC)));
		int nanos = instant.getNano();
		if (nanos != 0) {
			String fraction = String.format("%09d", nanos);
			int end = fraction.length();
			while (fraction.charAt(end - 1) == '0') {
				end--;
			}
			text.append('.').append(fraction, 0, end);
		}
		return text.append('Z').toString();
	}

}
