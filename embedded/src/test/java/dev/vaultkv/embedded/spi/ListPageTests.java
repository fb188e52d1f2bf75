package dev.vaultkv.embedded.spi;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ListPage}: OpenBao's {@code after} and {@code limit} semantics.
 */
class ListPageTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final List<String> KEYS = List.of("c", "a/", "b", "a", "d/");

	private static ObjectNode data(String json) {
		return (ObjectNode) MAPPER.readTree(json);
	}

	@Test
	void selectsTheKeysStrictlyAfterInSortedOrderAtMostLimit() {
		assertThat(new ListPage("a", 2).select(KEYS)).containsExactly("a/", "b");
		assertThat(new ListPage("a/", 0).select(KEYS)).containsExactly("b", "c", "d/");
		// "after" need not exist
		assertThat(new ListPage("bb", -1).select(KEYS)).containsExactly("c", "d/");
		assertThat(new ListPage("z", 5).select(KEYS)).isEmpty();
		assertThat(ListPage.ALL.select(KEYS)).containsExactly("a", "a/", "b", "c", "d/");
	}

	@Test
	void readsParametersAsStringsOrNumbers() {
		assertThat(ListPage.from(data("{\"after\":\"b\",\"limit\":\"3\"}"))).isEqualTo(new ListPage("b", 3));
		assertThat(ListPage.from(data("{\"limit\":2}"))).isEqualTo(new ListPage("", 2));
		assertThat(ListPage.from(data("{\"limit\":\"\"}"))).isEqualTo(ListPage.ALL);
		assertThat(ListPage.from(data("{}"))).isEqualTo(ListPage.ALL);
		// Go's base 0: prefixes, a leading 0 for octal, underscores after a prefix
		assertThat(ListPage.from(data("{\"limit\":\"0x10\"}")).limit()).isEqualTo(16);
		assertThat(ListPage.from(data("{\"limit\":\"010\"}")).limit()).isEqualTo(8);
		assertThat(ListPage.from(data("{\"limit\":\"0b1_1\"}")).limit()).isEqualTo(3);
		assertThat(ListPage.from(data("{\"limit\":\"1_000\"}")).limit()).isEqualTo(1000);
		assertThat(ListPage.from(data("{\"limit\":\"-3\"}")).limit()).isEqualTo(-3);
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.from(data("{\"limit\":\"1__0\"}")));
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.from(data("{\"limit\":\"_1\"}")));
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.from(data("{\"limit\":\"0x\"}")));
		assertThat(ListPage.from(data("{\"limit\":true}")).limit()).isEqualTo(1);
	}

	@Test
	void rejectsALimitThatIsNotANumberAsOpenBaoDoes() {
		// go-viper/mapstructure v2: the value is not repeated for a string, it is for a JSON number
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.from(data("{\"limit\":\"ten\"}")))
			.withMessage("Field validation failed: error converting input for field \"limit\": '' cannot parse "
					+ "value as 'int': strconv.ParseInt: invalid syntax");
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.from(data("{\"limit\":2.5}")))
			.withMessage("Field validation failed: error converting input for field \"limit\": '' cannot parse "
					+ "value as 'int': strconv.ParseInt: parsing \"2.5\": invalid syntax");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ListPage.from(data("{\"limit\":\"99999999999999999999\"}")))
			.withMessageEndingWith("strconv.ParseInt: value out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.from(data("{\"after\":[\"a\"]}")))
			.withMessageStartingWith("Field validation failed: error converting input for field \"after\"");
	}

	@Test
	void onlyAPaginatingMountReadsTheParameters() {
		MountContext vault = new TestMountContext(false);
		MountContext openBao = new TestMountContext(true);
		ObjectNode request = data("{\"after\":\"b\",\"limit\":\"ten\"}");
		assertThat(ListPage.requested(vault, request)).isEqualTo(ListPage.ALL);
		assertThatIllegalArgumentException().isThrownBy(() -> ListPage.requested(openBao, request));
	}

	private record TestMountContext(boolean paginatesLists) implements MountContext {

		@Override
		public String path() {
			return "kv/";
		}

		@Override
		public String type() {
			return "kv";
		}

		@Override
		public Map<String, String> options() {
			return Map.of();
		}

		@Override
		public String namespace() {
			return "";
		}

		@Override
		public Clock clock() {
			return Clock.systemUTC();
		}

		@Override
		public TokenIssuer tokens() {
			throw new UnsupportedOperationException();
		}

		@Override
		public long defaultLeaseTtlSeconds() {
			return 0;
		}

		@Override
		public long maxLeaseTtlSeconds() {
			return 0;
		}

	}

}
