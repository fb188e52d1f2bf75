package dev.vaultkv.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link AppRoleAuthentication}: where the role_id and secret_id come from, the mount and
 * the namespace to log in at. Immutable; {@link #toString()} masks every credential.
 *
 * @since 0.1.0
 */
public final class AppRoleAuthenticationOptions extends LoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "approle";

	private final @Nullable CredentialSource roleId;

	private final @Nullable CredentialSource wrappedRoleId;

	private final @Nullable CredentialSource secretId;

	private final @Nullable CredentialSource wrappedSecretId;

	private final @Nullable String roleName;

	private AppRoleAuthenticationOptions(Builder builder) {
		super(builder.path, builder.namespace);
		this.roleId = builder.roleId;
		this.wrappedRoleId = builder.wrappedRoleId;
		this.secretId = builder.secretId;
		this.wrappedSecretId = builder.wrappedSecretId;
		this.roleName = builder.roleName;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the source of the role_id, unless it comes wrapped.
	 * @return the source or {@code null}
	 */
	public @Nullable CredentialSource getRoleId() {
		return this.roleId;
	}

	/**
	 * Return the source of the wrapping token that wraps the role_id, if any.
	 * @return the source or {@code null}
	 */
	public @Nullable CredentialSource getWrappedRoleId() {
		return this.wrappedRoleId;
	}

	/**
	 * Return the source of the secret_id, unless it comes wrapped or the role binds none.
	 * @return the source or {@code null}
	 */
	public @Nullable CredentialSource getSecretId() {
		return this.secretId;
	}

	/**
	 * Return the source of the wrapping token that wraps the secret_id, if any.
	 * @return the source or {@code null}
	 */
	public @Nullable CredentialSource getWrappedSecretId() {
		return this.wrappedSecretId;
	}

	/**
	 * Return the role name, used in messages only.
	 * @return the role name or {@code null}
	 */
	public @Nullable String getRoleName() {
		return this.roleName;
	}

	@Override
	public String toString() {
		return "AppRoleAuthenticationOptions[path=" + getPath() + ", namespace=" + getNamespace() + ", roleName="
				+ this.roleName + ", roleId=" + ((this.roleId != null) ? this.roleId : "wrapped(" + this.wrappedRoleId + ")")
				+ ", secretId=" + ((this.secretId != null) ? this.secretId
						: (this.wrappedSecretId != null) ? "wrapped(" + this.wrappedSecretId + ")" : "none")
				+ "]";
	}

	/**
	 * Builds {@link AppRoleAuthenticationOptions}.
	 */
	public static final class Builder extends LoginOptions.Builder<Builder> {

		private @Nullable CredentialSource roleId;

		private @Nullable CredentialSource wrappedRoleId;

		private @Nullable CredentialSource secretId;

		private @Nullable CredentialSource wrappedSecretId;

		private @Nullable String roleName;

		private Builder() {
			super(DEFAULT_PATH);
		}

		/**
		 * Use this role_id.
		 * @param roleId the role_id
		 * @return this builder
		 */
		public Builder roleId(String roleId) {
			return roleId(CredentialSource.of(roleId));
		}

		/**
		 * Take the role_id from a source (value, file, supplier).
		 * @param roleId the source
		 * @return this builder
		 */
		public Builder roleId(CredentialSource roleId) {
			Assert.notNull(roleId, "'roleId' must not be null");
			this.roleId = roleId;
			this.wrappedRoleId = null;
			return this;
		}

		/**
		 * Unwrap the role_id from a response-wrapping token (the wrapped answer of
		 * {@code auth/approle/role/<name>/role-id}) on the first login.
		 * @param wrappingToken the source of the wrapping token
		 * @return this builder
		 */
		public Builder wrappedRoleId(CredentialSource wrappingToken) {
			Assert.notNull(wrappingToken, "'wrappingToken' must not be null");
			this.wrappedRoleId = wrappingToken;
			this.roleId = null;
			return this;
		}

		/**
		 * Use this secret_id.
		 * @param secretId the secret_id
		 * @return this builder
		 */
		public Builder secretId(String secretId) {
			return secretId(CredentialSource.of(secretId));
		}

		/**
		 * Take the secret_id from a source (value, file read on each login, supplier).
		 * @param secretId the source
		 * @return this builder
		 */
		public Builder secretId(CredentialSource secretId) {
			Assert.notNull(secretId, "'secretId' must not be null");
			this.secretId = secretId;
			this.wrappedSecretId = null;
			return this;
		}

		/**
		 * Unwrap the secret_id from a response-wrapping token (the wrapped answer of
		 * {@code auth/approle/role/<name>/secret-id}). The unwrapped secret_id is reused for later logins;
		 * a new wrapping token (for example a rewritten file) is unwrapped when it appears.
		 * @param wrappingToken the source of the wrapping token
		 * @return this builder
		 */
		public Builder wrappedSecretId(CredentialSource wrappingToken) {
			Assert.notNull(wrappingToken, "'wrappingToken' must not be null");
			this.wrappedSecretId = wrappingToken;
			this.secretId = null;
			return this;
		}

		/**
		 * Send no secret_id, for roles with {@code bind_secret_id=false}.
		 * @return this builder
		 */
		public Builder noSecretId() {
			this.secretId = null;
			this.wrappedSecretId = null;
			return this;
		}

		/**
		 * Set the role name, used in messages only (AppRole logins identify the role by role_id).
		 * @param roleName the role name
		 * @return this builder
		 */
		public Builder roleName(@Nullable String roleName) {
			this.roleName = roleName;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public AppRoleAuthenticationOptions build() {
			Assert.state(this.roleId != null || this.wrappedRoleId != null,
					"AppRole authentication needs a role_id: set 'roleId' or 'wrappedRoleId'");
			return new AppRoleAuthenticationOptions(this);
		}

	}

}
