package dev.vaultkv.embedded;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The requests an embedded server has answered, oldest first, so tests can count them. Keeps the latest
 * {@value #CAPACITY} entries. Thread-safe.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class RequestLog {

	/**
	 * How many entries are kept.
	 */
	public static final int CAPACITY = 100_000;

	private final Deque<RequestLogEntry> entries = new ArrayDeque<>();

	/**
	 * Create an empty log.
	 * @since 0.1.0
	 */
	public RequestLog() {
	}

	void add(RequestLogEntry entry) {
		synchronized (this.entries) {
			if (this.entries.size() >= CAPACITY) {
				this.entries.removeFirst();
			}
			this.entries.addLast(entry);
		}
	}

	/**
	 * Return a snapshot of all entries.
	 * @return the entries, oldest first
	 * @since 0.1.0
	 */
	public List<RequestLogEntry> entries() {
		synchronized (this.entries) {
			return List.copyOf(this.entries);
		}
	}

	/**
	 * Return the entries that match a condition.
	 * @param filter the condition
	 * @return the entries, oldest first
	 * @since 0.1.0
	 */
	public List<RequestLogEntry> entries(Predicate<RequestLogEntry> filter) {
		Objects.requireNonNull(filter, "'filter' must not be null");
		return entries().stream().filter(filter).toList();
	}

	/**
	 * Return the number of entries.
	 * @return the count
	 * @since 0.1.0
	 */
	public int count() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	/**
	 * Count the entries that match a condition.
	 * @param filter the condition
	 * @return the count
	 * @since 0.1.0
	 */
	public int count(Predicate<RequestLogEntry> filter) {
		return entries(filter).size();
	}

	/**
	 * Count the requests with a method and an exact path.
	 * @param method the HTTP method, e.g. {@code GET}
	 * @param path the path after {@code /v1/}, e.g. {@code secret/data/app}
	 * @return the count
	 * @since 0.1.0
	 */
	public int count(String method, String path) {
		return count((entry) -> entry.method().equalsIgnoreCase(method) && entry.path().equals(path));
	}

	/**
	 * Count the requests whose path starts with a prefix.
	 * @param prefix the prefix of the path after {@code /v1/}
	 * @return the count
	 * @since 0.1.0
	 */
	public int countPathPrefix(String prefix) {
		return count((entry) -> entry.path().startsWith(prefix));
	}

	/**
	 * Remove all entries.
	 * @since 0.1.0
	 */
	public void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

}
