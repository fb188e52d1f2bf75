package dev.vaultkv.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The headers of one outgoing request: names compared ignoring case, kept in the order first set.
 * A request carries a handful of headers, so they are looked up by scanning a list, which spares
 * the lower-cased copy of every name and the two hash maps of a {@code LinkedCaseInsensitiveMap}.
 * Not thread-safe, as a request is built and sent by one thread.
 */
final class RequestHeaderMap extends AbstractMap<String, List<String>> {

	private final ArrayList<Header> headers = new ArrayList<>(8);

	private @Nullable Set<Map.Entry<String, List<String>>> entrySet;

	private int indexOf(@Nullable Object name) {
		if (name instanceof String text) {
			for (int i = 0; i < this.headers.size(); i++) {
				String candidate = this.headers.get(i).name;
				if (candidate.length() == text.length() && candidate.equalsIgnoreCase(text)) {
					return i;
				}
			}
		}
		return -1;
	}

	@Override
	public int size() {
		return this.headers.size();
	}

	@Override
	public boolean containsKey(@Nullable Object name) {
		return indexOf(name) >= 0;
	}

	@Override
	public @Nullable List<String> get(@Nullable Object name) {
		int index = indexOf(name);
		return (index >= 0) ? this.headers.get(index).values : null;
	}

	/**
	 * Set the values of a header; a header already present keeps the spelling and position it was
	 * first set with.
	 */
	@Override
	public @Nullable List<String> put(String name, List<String> values) {
		int index = indexOf(name);
		if (index >= 0) {
			return this.headers.get(index).setValue(values);
		}
		this.headers.add(new Header(name, values));
		return null;
	}

	@Override
	public @Nullable List<String> remove(@Nullable Object name) {
		int index = indexOf(name);
		return (index >= 0) ? this.headers.remove(index).values : null;
	}

	@Override
	public void clear() {
		this.headers.clear();
	}

	@Override
	public Set<String> keySet() {
		return new AbstractSet<>() {

			@Override
			public int size() {
				return RequestHeaderMap.this.headers.size();
			}

			@Override
			public boolean contains(@Nullable Object name) {
				return containsKey(name);
			}

			@Override
			public boolean remove(@Nullable Object name) {
				int index = indexOf(name);
				if (index < 0) {
					return false;
				}
				RequestHeaderMap.this.headers.remove(index);
				return true;
			}

			@Override
			public void clear() {
				RequestHeaderMap.this.headers.clear();
			}

			@Override
			public Iterator<String> iterator() {
				Iterator<Map.Entry<String, List<String>>> entries = entrySet().iterator();
				return new Iterator<>() {

					@Override
					public boolean hasNext() {
						return entries.hasNext();
					}

					@Override
					public String next() {
						return entries.next().getKey();
					}

					@Override
					public void remove() {
						entries.remove();
					}

				};
			}

		};
	}

	@Override
	public Set<Map.Entry<String, List<String>>> entrySet() {
		Set<Map.Entry<String, List<String>>> entrySet = this.entrySet;
		if (entrySet == null) {
			entrySet = new Entries();
			this.entrySet = entrySet;
		}
		return entrySet;
	}

	private static final class Header implements Map.Entry<String, List<String>> {

		private final String name;

		private List<String> values;

		Header(String name, List<String> values) {
			this.name = name;
			this.values = values;
		}

		@Override
		public String getKey() {
			return this.name;
		}

		@Override
		public List<String> getValue() {
			return this.values;
		}

		@Override
		public List<String> setValue(List<String> values) {
			List<String> previous = this.values;
			this.values = values;
			return previous;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Map.Entry<?, ?> entry && this.name.equals(entry.getKey())
					&& this.values.equals(entry.getValue());
		}

		@Override
		public int hashCode() {
			return this.name.hashCode() ^ this.values.hashCode();
		}

		@Override
		public String toString() {
			// header values may hold a token; only the name is shown
			return this.name;
		}

	}

	private final class Entries extends AbstractSet<Map.Entry<String, List<String>>> {

		@Override
		public int size() {
			return RequestHeaderMap.this.headers.size();
		}

		@Override
		public void clear() {
			RequestHeaderMap.this.headers.clear();
		}

		@Override
		public Iterator<Map.Entry<String, List<String>>> iterator() {
			return new Iterator<>() {

				private int next;

				private boolean removable;

				@Override
				public boolean hasNext() {
					return this.next < RequestHeaderMap.this.headers.size();
				}

				@Override
				public Map.Entry<String, List<String>> next() {
					if (!hasNext()) {
						throw new NoSuchElementException();
					}
					this.removable = true;
					return RequestHeaderMap.this.headers.get(this.next++);
				}

				@Override
				public void remove() {
					if (!this.removable) {
						throw new IllegalStateException();
					}
					this.removable = false;
					RequestHeaderMap.this.headers.remove(--this.next);
				}

			};
		}

	}

}
