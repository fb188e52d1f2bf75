package dev.vaultkv.embedded.database;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON nodes and the time formats of the database engine's answers.
 *
 * @author vaultkv
 */
final class Json {

	private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS");

	/** The plugins' {@code {{expiration}}} format, Go's {@code 2006-01-02 15:04:05-0700}. */
	private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxx");

	private Json() {
	}

	static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	static ArrayNode strings(Collection<String> values) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		values.forEach(array::add);
		return array;
	}

	/**
	 * A Go {@code time.Time} as JSON: RFC 3339 with the server's offset and up to nine fraction digits.
	 */
	static String time(Instant instant) {
		OffsetDateTime time = instant.atZone(ZoneId.systemDefault()).toOffsetDateTime();
		String text = RFC3339.format(time);
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

	/**
	 * A user's expiration as the plugins render {@code {{expiration}}}, e.g. {@code 2026-12-04 22:15:07+0000}.
	 */
	static String expiration(Instant instant) {
		return EXPIRATION.format(instant.atZone(ZoneId.systemDefault()));
	}

}
