package dev.vaultkv.embedded.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The named roles of an auth method ({@code role/<name>}), sorted by name, with how a role reads back. Names
 * are stored as given or, for the methods Vault stores them lower-cased for, in lower case. Not thread-safe:
 * guarded by the owning backend's monitor.
 *
 * @param <R> the role type
 * @author vaultkv
 */
final class RoleStore<R> {

	/** The {@code role/<name>} path, the name as group 1. */
	static final Pattern ROLE = Pattern.compile("role/" + AuthBackend.NAME);

	private final Map<String, R> roles = new TreeMap<>();

	private final Function<R, ObjectNode> toData;

	private final UnaryOperator<String> canonical;

	private RoleStore(Function<R, ObjectNode> toData, UnaryOperator<String> canonical) {
		this.toData = toData;
		this.canonical = canonical;
	}

	/**
	 * A store keeping role names as given.
	 * @param <R> the role type
	 * @param toData renders a role for a read
	 * @return the store
	 */
	static <R> RoleStore<R> caseSensitive(Function<R, ObjectNode> toData) {
		return new RoleStore<>(toData, UnaryOperator.identity());
	}

	/**
	 * A store keeping role names in lower case.
	 * @param <R> the role type
	 * @param toData renders a role for a read
	 * @return the store
	 */
	static <R> RoleStore<R> lowerCase(Function<R, ObjectNode> toData) {
		return new RoleStore<>(toData, (name) -> name.toLowerCase(Locale.ROOT));
	}

	/**
	 * The name a role is stored under.
	 * @param name the name as requested
	 * @return the stored name
	 */
	String canonical(String name) {
		return this.canonical.apply(name);
	}

	@Nullable R get(String name) {
		return this.roles.get(canonical(name));
	}

	void put(String name, R role) {
		this.roles.put(canonical(name), role);
	}

	void remove(String name) {
		this.roles.remove(canonical(name));
	}

	Set<String> names() {
		return this.roles.keySet();
	}

	Collection<R> values() {
		return this.roles.values();
	}

	ObjectNode toData(R role) {
		return this.toData.apply(role);
	}

	boolean contains(String name) {
		return this.roles.containsKey(canonical(name));
	}

}
