package dev.vaultkv.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the options of every login method have: the mount path of the auth method and the
 * namespace to log in at.
 */
abstract class LoginOptions {

	private final String path;

	private final @Nullable String namespace;

	LoginOptions(String path, @Nullable String namespace) {
		this.path = path;
		this.namespace = namespace;
	}

	/**
	 * Return the mount path of the auth method.
	 * @return the mount path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the namespace to log in at, {@code ""} for the root namespace, or {@code null} for the client's.
	 * @return the namespace or {@code null}
	 */
	public @Nullable String getNamespace() {
		return this.namespace;
	}

	/**
	 * The mount and namespace part of a login method's options builder.
	 *
	 * @param <B> the builder's own type
	 */
	abstract static class Builder<B extends Builder<B>> {

		final String defaultPath;

		String path;

		@Nullable String namespace;

		Builder(String defaultPath) {
			this.defaultPath = defaultPath;
			this.path = defaultPath;
		}

		/**
		 * Set the mount path of the auth method.
		 * @param path the mount path, such as the method's default path
		 * @return this builder
		 */
		public B path(String path) {
			this.path = LoginRequests.mount(path, this.defaultPath);
			return self();
		}

		/**
		 * Set the namespace to log in at.
		 * @param namespace the namespace, {@code ""} for the root namespace, or {@code null} for the client's
		 * @return this builder
		 */
		public B namespace(@Nullable String namespace) {
			this.namespace = namespace;
			return self();
		}

		/**
		 * Return a required text setting without surrounding whitespace.
		 * @param value the value
		 * @param name the name of the setting, for the message
		 * @return the stripped value
		 */
		static String text(String value, String name) {
			Assert.hasText(value, () -> "'" + name + "' must not be empty");
			return value.strip();
		}

		/**
		 * Return an optional text setting without surrounding whitespace, or {@code null} for a blank one.
		 * @param value the value or {@code null}
		 * @return the stripped value or {@code null}
		 */
		static @Nullable String optionalText(@Nullable String value) {
			return (value != null && !value.isBlank()) ? value.strip() : null;
		}

		@SuppressWarnings("unchecked")
		B self() {
			return (B) this;
		}

	}

}
