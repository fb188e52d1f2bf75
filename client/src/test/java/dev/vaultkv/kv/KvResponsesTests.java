package dev.vaultkv.kv;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KvResponses}' timestamps: the direct parse of Vault's shape agrees with
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, and what the formatter rejects stays rejected.
 */
class KvResponsesTests {

	@Test
	void readsVaultsTimestampsAsTheIsoFormatterDoes() {
		List<String> timestamps = List.of("2018-03-22T02:24:06.945319214Z", "2018-03-22T02:24:06Z",
				"2018-03-22T02:24:06.9Z", "2018-03-22T02:24:06.94531Z", "2024-02-29T23:59:59.999999999Z",
				"1970-01-01T00:00:00Z", "2018-03-22T02:24:06.945319214+02:00", "2018-03-22T02:24:06-05:30",
				"2018-03-22T02:24:06.5-00:00", "0001-01-01T00:00:00Z", "2018-03-22t02:24:06z",
				"2018-03-22T02:24Z", "2018-03-22T02:24:06+05:30:15", "+12345-01-01T00:00:00Z",
				"2018-03-22T02:24:06.Z");
		for (String text : timestamps) {
			Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			assertThat(KvResponses.timestamp(text)).as(text).isEqualTo(expected);
		}
		assertThat(KvResponses.timestamp("2018-03-22T02:24:06.945319214Z"))
			.isEqualTo(Instant.ofEpochSecond(1521685446, 945319214));
	}

	@Test
	void rejectsWhatTheIsoFormatterRejects() {
		for (String text : List.of("2023-02-29T00:00:00Z", "2018-13-22T02:24:06Z", "2018-03-22T24:00:00Z",
				"2018-03-22T23:59:60Z", "2018-03-22T02:24:06.1234567891Z",
				"2018-03-22T02:24:06", "2018-03-22T02:24:06+19:00", "2018-03-22 02:24:06Z",
				"2018-03-22T02:24:06ZZ", "2018-0a-22T02:24:06Z", "")) {
			assertThatExceptionOfType(DateTimeParseException.class).as(text)
				.isThrownBy(() -> KvResponses.timestamp(text));
		}
	}

}
