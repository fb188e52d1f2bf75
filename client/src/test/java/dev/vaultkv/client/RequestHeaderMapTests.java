package dev.vaultkv.client;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RequestHeaderMap}.
 */
class RequestHeaderMapTests {

	@Test
	void setsAndLooksUpHeadersIgnoringCaseKeepingFirstSpellingAndOrder() {
		RequestHeaderMap map = new RequestHeaderMap();
		HttpHeaders headers = new HttpHeaders(CollectionUtils.toMultiValueMap(map));
		headers.set("X-Vault-Request", "true");
		headers.set("Accept", "application/json");
		headers.add("x-vault-request", "again");
		headers.set("ACCEPT", "text/plain");
		assertThat(map.keySet()).containsExactly("X-Vault-Request", "Accept");
		assertThat(headers.get("x-VAULT-request")).containsExactly("true", "again");
		assertThat(headers.getFirst("accept")).isEqualTo("text/plain");
		assertThat(headers.containsHeader("ACCEPT")).isTrue();
		assertThat(map.containsKey("x-vault-token")).isFalse();
		assertThat(map.get(42)).isNull();
		assertThat(map).hasSize(2);
	}

	@Test
	void removesHeadersIgnoringCase() {
		RequestHeaderMap map = new RequestHeaderMap();
		map.put("X-Vault-Token", List.of("t"));
		map.put("X-Vault-Namespace", List.of("ns"));
		map.put("Accept", List.of("application/json"));
		assertThat(map.remove("x-vault-token")).containsExactly("t");
		assertThat(map.remove("x-vault-token")).isNull();
		assertThat(map.keySet()).containsExactly("X-Vault-Namespace", "Accept");
		map.keySet().remove("ACCEPT");
		assertThat(map.keySet()).containsExactly("X-Vault-Namespace");
		map.clear();
		assertThat(map).isEmpty();
	}

	@Test
	void iteratorRemovesTheEntryJustReturned() {
		RequestHeaderMap map = new RequestHeaderMap();
		map.put("A", List.of("1"));
		map.put("B", List.of("2"));
		map.put("C", List.of("3"));
		Iterator<Map.Entry<String, List<String>>> entries = map.entrySet().iterator();
		assertThatIllegalStateException().isThrownBy(entries::remove);
		entries.next();
		Map.Entry<String, List<String>> second = entries.next();
		entries.remove();
		assertThatIllegalStateException().isThrownBy(entries::remove);
		assertThat(entries.next().getKey()).isEqualTo("C");
		assertThat(entries.hasNext()).isFalse();
		assertThat(second.getKey()).isEqualTo("B");
		assertThat(map).containsOnlyKeys("A", "C");
	}

	@Test
	void entrySetValueReplacesTheValues() {
		RequestHeaderMap map = new RequestHeaderMap();
		map.put("X-Vault-Token", List.of("old"));
		map.entrySet().iterator().next().setValue(List.of("new"));
		assertThat(map.get("x-vault-token")).containsExactly("new");
		assertThat(map.entrySet().iterator().next()).hasToString("X-Vault-Token");
	}

}
