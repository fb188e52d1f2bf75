package dev.vaultkv.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.vaultkv.client.AuthenticationException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where a login credential (a secret-id, a JWT, a password) comes from: a fixed value, a file read
 * again on every login (so a rotated file is picked up), an environment variable, or a {@link Supplier}
 * called on every login. {@link #toString()} tells the kind of source and a file's path or a variable's
 * name, never the value.
 *
 * @since 0.1.0
 */
public abstract sealed class CredentialSource
		permits CredentialSource.ValueSource, CredentialSource.FileSource, CredentialSource.SupplierSource,
		CredentialSource.EnvironmentSource {

	private CredentialSource() {
	}

	/**
	 * Return a source that always gives the same value.
	 * @param value the credential, never empty
	 * @return the source
	 */
	public static CredentialSource of(String value) {
		Assert.hasText(value, "'value' must not be empty");
		return new ValueSource(value.toCharArray());
	}

	/**
	 * Return a source that always gives the same value.
	 * @param value the credential, never empty; copied
	 * @return the source
	 */
	public static CredentialSource of(char[] value) {
		Assert.notNull(value, "'value' must not be null");
		Assert.isTrue(value.length > 0, "'value' must not be empty");
		return new ValueSource(value.clone());
	}

	/**
	 * Return a source that reads the file on every call, trimming surrounding whitespace.
	 * @param file the file
	 * @return the source
	 */
	public static CredentialSource ofFile(Path file) {
		Assert.notNull(file, "'file' must not be null");
		return new FileSource(file);
	}

	/**
	 * Return a source that asks the supplier on every call.
	 * @param supplier the supplier of the credential
	 * @return the source
	 */
	public static CredentialSource of(Supplier<String> supplier) {
		Assert.notNull(supplier, "'supplier' must not be null");
		return new SupplierSource(supplier);
	}

	/**
	 * Return a source that reads an environment variable on every call, trimming surrounding whitespace.
	 * @param name the name of the variable, such as {@code LDAP_PASSWORD}
	 * @return the source
	 * @since 0.1.0
	 */
	public static CredentialSource ofEnvironmentVariable(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return new EnvironmentSource(name.strip(), System::getenv);
	}

	/**
	 * Return the credential now.
	 * @param description what the credential is, for the error message ({@code "Kubernetes service
	 * account token"})
	 * @return the credential, never empty
	 * @throws AuthenticationException if the credential cannot be read or is empty
	 */
	public abstract String obtain(String description);

	static AuthenticationException failure(String message, @Nullable Throwable cause) {
		return new AuthenticationException(message, null, null, 0, List.of(), cause);
	}

	static final class ValueSource extends CredentialSource {

		private final char[] value;

		ValueSource(char[] value) {
			this.value = value;
		}

		@Override
		public String obtain(String description) {
			return new String(this.value);
		}

		@Override
		public boolean equals(Object obj) {
			return (this == obj) || (obj instanceof ValueSource other && Arrays.equals(this.value, other.value));
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.value);
		}

		@Override
		public String toString() {
			return "****";
		}

	}

	static final class FileSource extends CredentialSource {

		private final Path file;

		FileSource(Path file) {
			this.file = file;
		}

		@Override
		public String obtain(String description) {
			String value;
			try {
				value = Files.readString(this.file, StandardCharsets.UTF_8).strip();
			}
			catch (IOException | RuntimeException ex) {
				throw failure("Could not read the " + description + " from file '" + this.file + "' ("
						+ ex.getClass().getSimpleName() + "); check that the file exists and is readable", ex);
			}
			if (value.isEmpty()) {
				throw failure("The " + description + " file '" + this.file + "' is empty", null);
			}
			return value;
		}

		@Override
		public String toString() {
			return "file:" + this.file;
		}

	}

	static final class SupplierSource extends CredentialSource {

		private final Supplier<String> supplier;

		SupplierSource(Supplier<String> supplier) {
			this.supplier = supplier;
		}

		@Override
		public String obtain(String description) {
			String value;
			try {
				value = this.supplier.get();
			}
			catch (RuntimeException ex) {
				throw failure("The supplier of the " + description + " failed (" + ex.getClass().getSimpleName()
						+ ")", ex);
			}
			if (value == null || value.isBlank()) {
				throw failure("The supplier of the " + description + " returned no value", null);
			}
			return value.strip();
		}

		@Override
		public String toString() {
			return "supplier";
		}

	}

	static final class EnvironmentSource extends CredentialSource {

		private final String name;

		private final Function<String, @Nullable String> environment;

		EnvironmentSource(String name, Function<String, @Nullable String> environment) {
			this.name = name;
			this.environment = environment;
		}

		@Override
		public String obtain(String description) {
			String value = this.environment.apply(this.name);
			if (value == null || value.isBlank()) {
				throw failure("The " + description + " environment variable '" + this.name + "' is "
						+ ((value == null) ? "not set" : "empty"), null);
			}
			return value.strip();
		}

		@Override
		public String toString() {
			return "env:" + this.name;
		}

	}

}
