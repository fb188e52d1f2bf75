package dev.vaultkv.embedded.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of a KV v1 engine: one JSON object per path, replaced whole on every write.
 *
 * @author vaultkv
 */
final class PlainKvStore {

	private final ConcurrentHashMap<String, ObjectNode> entries = new ConcurrentHashMap<>();

	@Nullable ObjectNode get(String path) {
		ObjectNode value = this.entries.get(path);
		return (value != null) ? value.deepCopy() : null;
	}

	boolean contains(String path) {
		return this.entries.containsKey(path);
	}

	void put(String path, ObjectNode value) {
		this.entries.put(path, value.deepCopy());
	}

	void delete(String path) {
		this.entries.remove(path);
	}

	/**
	 * The direct children of a folder, sorted, sub-folders ending in {@code /}.
	 * @param folder the folder, {@code ""} for the root, else ending in {@code /}
	 * @return the names
	 */
	List<String> list(String folder) {
		TreeSet<String> names = new TreeSet<>();
		for (String key : this.entries.keySet()) {
			if (!key.startsWith(folder) || key.length() == folder.length()) {
				continue;
			}
			String rest = key.substring(folder.length());
			int slash = rest.indexOf('/');
			names.add((slash >= 0) ? rest.substring(0, slash + 1) : rest);
		}
		return new ArrayList<>(names);
	}

	/**
	 * A point-in-time copy of every entry, for an upgrade to KV v2.
	 * @return the entries by path
	 */
	Map<String, ObjectNode> snapshot() {
		Map<String, ObjectNode> copy = new TreeMap<>();
		this.entries.forEach((path, value) -> copy.put(path, value.deepCopy()));
		return copy;
	}

}
