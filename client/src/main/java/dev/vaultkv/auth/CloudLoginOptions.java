package dev.vaultkv.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the options of the cloud login methods that ask a metadata service for the instance's identity
 * (Azure, GCP) have, beside the mount and the namespace: the Vault role, which they require, and the base
 * URI of the metadata service.
 */
abstract class CloudLoginOptions extends LoginOptions {

	private final String role;

	private final URI metadataService;

	CloudLoginOptions(Builder<?> builder, String role) {
		super(builder.path, builder.namespace);
		this.role = role;
		this.metadataService = builder.metadataService;
	}

	/**
	 * Return the Vault role to log in as.
	 * @return the role
	 */
	public String getRole() {
		return this.role;
	}

	final URI metadataService() {
		return this.metadataService;
	}

	/**
	 * The role and metadata service part of a cloud login method's options builder.
	 *
	 * @param <B> the builder's own type
	 */
	abstract static class Builder<B extends Builder<B>> extends LoginOptions.Builder<B> {

		@Nullable String role;

		URI metadataService;

		Builder(String defaultPath, URI defaultMetadataService) {
			super(defaultPath);
			this.metadataService = defaultMetadataService;
		}

		/**
		 * Set the Vault role to log in as.
		 * @param role the role
		 * @return this builder
		 */
		public B role(String role) {
			this.role = text(role, "role");
			return self();
		}

		B metadataService(URI uri, String name) {
			Assert.notNull(uri, () -> "'" + name + "' must not be null");
			this.metadataService = uri;
			return self();
		}

		String requireRole(String method) {
			String role = this.role;
			Assert.state(role != null, () -> method + " authentication needs the Vault role to log in as: set 'role'");
			return role;
		}

	}

}
