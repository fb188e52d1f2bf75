package dev.vaultkv.secret;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Records which secrets an action read through the environment's Vault property sources, so that a
 * component can tell which secrets a resolved property depends on: {@code ${vault:...}} placeholders and
 * {@code spring.config.import=vault:...} properties {@link #record(SecretLocation) record} the location
 * they read while a trace is active on the thread.
 *
 * @since 0.1.0
 */
public final class SecretReadTrace {

	private static final ThreadLocal<@Nullable Set<SecretLocation>> CURRENT = new ThreadLocal<>();

	private SecretReadTrace() {
	}

	/**
	 * Run an action and return its result with the locations it read.
	 * @param <T> the result type
	 * @param action the action
	 * @return the result and the locations read
	 */
	public static <T> Traced<T> trace(Supplier<T> action) {
		Assert.notNull(action, "'action' must not be null");
		Set<SecretLocation> previous = CURRENT.get();
		Set<SecretLocation> locations = new LinkedHashSet<>();
		CURRENT.set(locations);
		try {
			T result = action.get();
			return new Traced<>(result, Set.copyOf(locations));
		}
		finally {
			if (previous != null) {
				previous.addAll(locations);
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * Record that the current thread read a location, when a trace is active.
	 * @param location the location
	 */
	public static void record(SecretLocation location) {
		Set<SecretLocation> locations = CURRENT.get();
		if (locations != null) {
			locations.add(location);
		}
	}

	/**
	 * The result of a traced action and the secrets it read.
	 *
	 * @param <T> the result type
	 * @param result the action's result
	 * @param locations the locations read
	 */
	public record Traced<T>(T result, Set<SecretLocation> locations) {

		@Override
		public String toString() {
			return "Traced[locations=" + this.locations + "]";
		}

	}

}
