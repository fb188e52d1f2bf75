package dev.vaultkv.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.hc.core5.http.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * The headers of an answer as the {@link MultiValueMap} behind its {@link HttpHeaders}: looking up a
 * header by name (what the client does with an answer) scans the few headers received, ignoring case;
 * anything else (iterating, changing) works on a case-insensitive copy made the first time it is
 * needed. Lists returned by {@link #get} are copies, as with Spring's own HttpComponents adapter.
 *
 * @since 0.1.0
 */
final class ReceivedHeaders implements MultiValueMap<String, String> {

	private final Header[] received;

	private @Nullable MultiValueMap<String, String> copy;

	ReceivedHeaders(Header[] received) {
		this.received = received;
	}

	private MultiValueMap<String, String> copy() {
		MultiValueMap<String, String> copy = this.copy;
		if (copy == null) {
			copy = CollectionUtils.toMultiValueMap(new LinkedCaseInsensitiveMap<>(this.received.length, Locale.ROOT));
			for (Header header : this.received) {
				copy.add(header.getName(), header.getValue());
			}
			this.copy = copy;
		}
		return copy;
	}

	@Override
	public @Nullable String getFirst(String key) {
		if (this.copy != null) {
			return this.copy.getFirst(key);
		}
		for (Header header : this.received) {
			if (header.getName().equalsIgnoreCase(key)) {
				return header.getValue();
			}
		}
		return null;
	}

	@Override
	public @Nullable List<String> get(Object key) {
		if (this.copy != null) {
			return this.copy.get(key);
		}
		if (!(key instanceof String name)) {
			return null;
		}
		List<String> values = null;
		for (Header header : this.received) {
			if (header.getName().equalsIgnoreCase(name)) {
				if (values == null) {
					values = new ArrayList<>(1);
				}
				values.add(header.getValue());
			}
		}
		return values;
	}

	@Override
	public boolean containsKey(Object key) {
		if (this.copy != null) {
			return this.copy.containsKey(key);
		}
		return (key instanceof String) && getFirst((String) key) != null;
	}

	@Override
	public void add(String key, @Nullable String value) {
		copy().add(key, value);
	}

	@Override
	public void addAll(String key, List<? extends String> values) {
		copy().addAll(key, values);
	}

	@Override
	public void addAll(MultiValueMap<String, String> values) {
		copy().addAll(values);
	}

	@Override
	public void set(String key, @Nullable String value) {
		copy().set(key, value);
	}

	@Override
	public void setAll(Map<String, String> values) {
		copy().setAll(values);
	}

	@Override
	public Map<String, String> toSingleValueMap() {
		return copy().toSingleValueMap();
	}

	@Override
	public int size() {
		return copy().size();
	}

	@Override
	public boolean isEmpty() {
		return (this.copy != null) ? this.copy.isEmpty() : this.received.length == 0;
	}

	@Override
	public boolean containsValue(Object value) {
		return copy().containsValue(value);
	}

	@Override
	public @Nullable List<String> put(String key, List<String> value) {
		return copy().put(key, value);
	}

	@Override
	public @Nullable List<String> remove(Object key) {
		return copy().remove(key);
	}

	@Override
	public void putAll(Map<? extends String, ? extends List<String>> values) {
		copy().putAll(values);
	}

	@Override
	public void clear() {
		copy().clear();
	}

	@Override
	public Set<String> keySet() {
		return copy().keySet();
	}

	@Override
	public Collection<List<String>> values() {
		return copy().values();
	}

	@Override
	public Set<Entry<String, List<String>>> entrySet() {
		return copy().entrySet();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || copy().equals(other);
	}

	@Override
	public int hashCode() {
		return copy().hashCode();
	}

	@Override
	public String toString() {
		return copy().toString();
	}

}
