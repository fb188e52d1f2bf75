package dev.vaultkv.embedded.server;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamp formats used in Vault responses.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class Times {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS");

	private Times() {
	}

	/**
	 * Format as RFC 3339 in UTC with up to nine fraction digits, trailing zeros trimmed.
	 * @param instant the instant
	 * @return the text
	 * @since 0.1.0
	 */
	public static String utc(Instant instant) {
		return format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Format as RFC 3339 with the server's zone offset, as token lookups do.
	 * @param instant the instant
	 * @return the text
	 * @since 0.1.0
	 */
	public static String local(Instant instant) {
		return format(instant.atZone(ZoneId.systemDefault()).toOffsetDateTime());
	}

	private static String format(OffsetDateTime time) {
		String text = FORMAT.format(time);
		int end = text.length();
		while (text.charAt(end - 1) == '0') {
			end--;
		}
		if (text.charAt(end - 1) == '.') {
			end--;
		}
		String offset = time.getOffset().equals(ZoneOffset.UTC) ? "Z" : time.getOffset().getId();
		return text.substring(0, end) + offset;
	}

}
