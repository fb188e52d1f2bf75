package dev.vaultkv.auth;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link GitHubAuthentication}: where the GitHub personal access token comes from (a value, a
 * file or an environment variable, read on every login), the mount and the namespace to log in at.
 * Immutable; {@link #toString()} never shows the token.
 *
 * @since 0.1.0
 */
public final class GitHubAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "github";

	private final CredentialSource token;

	private GitHubAuthenticationOptions(CredentialSource token, String path, @Nullable String namespace) {
		super(path, namespace);
		this.token = token;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the source of the personal access token.
	 * @return the source
	 */
	public CredentialSource getToken() {
		return this.token;
	}

	@Override
	public String toString() {
		// a value source shows as ****, a file or a variable by its path or name
		return "GitHubAuthenticationOptions[token=" + this.token + ", path=" + getPath() + ", namespace="
				+ getNamespace() + "]";
	}

	/**
	 * Builds {@link GitHubAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable CredentialSource token;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Set the personal access token.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(String token) {
			return token(CredentialSource.of(token));
		}

		/**
		 * Read the personal access token from this file on every login.
		 * @param file the file holding the token
		 * @return this builder
		 */
		public Builder tokenFile(Path file) {
			return token(CredentialSource.ofFile(file));
		}

		/**
		 * Read the personal access token from this environment variable on every login.
		 * @param name the name of the variable, such as {@code GITHUB_TOKEN}
		 * @return this builder
		 */
		public Builder tokenEnvironmentVariable(String name) {
			return token(CredentialSource.ofEnvironmentVariable(name));
		}

		/**
		 * Ask this supplier for the personal access token on every login.
		 * @param supplier the supplier
		 * @return this builder
		 */
		public Builder tokenSupplier(Supplier<String> supplier) {
			return token(CredentialSource.of(supplier));
		}

		/**
		 * Take the personal access token from a source (value, file, environment variable, supplier).
		 * @param token the source
		 * @return this builder
		 */
		public Builder token(CredentialSource token) {
			Assert.notNull(token, "'token' must not be null");
			this.token = token;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public GitHubAuthenticationOptions build() {
			Assert.state(this.token != null,
					"GitHub authentication needs a personal access token: set 'token', 'tokenFile' or "
							+ "'tokenEnvironmentVariable'");
			return new GitHubAuthenticationOptions(this.token, this.path, this.namespace);
		}

	}

}
