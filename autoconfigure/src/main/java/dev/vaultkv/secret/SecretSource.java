package dev.vaultkv.secret;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which way into the secret store a read came: reported by the actuator endpoint. The way in marks
 * the reading thread for the duration of the read with {@link #with(SecretSource, Supplier)}; reads
 * without a mark come from the {@link #API}.
 *
 * @since 0.1.0
 */
public enum SecretSource {

	/**
	 * A {@code ${vault:...}} placeholder.
	 */
	PLACEHOLDER,

	/**
	 * A {@code spring.config.import=vault:...} config data import.
	 */
	CONFIG_DATA,

	/**
	 * A {@link Secret @Secret} field, method or {@link SecretValue} handle.
	 */
	ANNOTATION,

	/**
	 * The application's own calls to the secret store or resolver.
	 */
	API;

	private static final ThreadLocal<@Nullable SecretSource> CURRENT = new ThreadLocal<>();

	/**
	 * Return the way in of the current thread's read.
	 * @return the source, {@link #API} when unmarked
	 */
	public static SecretSource current() {
		SecretSource source = CURRENT.get();
		return (source != null) ? source : API;
	}

	/**
	 * Run an action that reads secrets, marking its reads with a source.
	 * @param <T> the result type
	 * @param source the source
	 * @param action the action
	 * @return the action's result
	 */
	public static <T> T with(SecretSource source, Supplier<T> action) {
		Assert.notNull(source, "'source' must not be null");
		Assert.notNull(action, "'action' must not be null");
		SecretSource previous = CURRENT.get();
		CURRENT.set(source);
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

}
