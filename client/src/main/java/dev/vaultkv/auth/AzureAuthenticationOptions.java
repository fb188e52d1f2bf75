package dev.vaultkv.auth;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of {@link AzureAuthentication}: the role, the resource the managed identity token is issued
 * for, an optional user-assigned identity, the VM's location in Azure (read from the instance metadata when
 * not set), the instance metadata service, the mount and the namespace to log in at. Immutable.
 *
 * @since 0.1.0
 */
public final class AzureAuthenticationOptions extends CloudLoginOptions {

	/**
	 * The default mount path.
	 */
	public static final String DEFAULT_PATH = "azure";

	/**
	 * The default resource (audience) of the managed identity token, Vault's default {@code resource}.
	 */
	public static final String DEFAULT_RESOURCE = "https://management.azure.com/";

	/**
	 * The address of the Azure Instance Metadata Service.
	 */
	public static final URI DEFAULT_IMDS_URI = URI.create("http://169.254.169.254");

	private final String resource;

	private final @Nullable String clientId;

	private final @Nullable String objectId;

	private final @Nullable String subscriptionId;

	private final @Nullable String resourceGroupName;

	private final @Nullable String vmName;

	private final @Nullable String vmssName;

	private AzureAuthenticationOptions(Builder builder, String role) {
		super(builder, role);
		this.resource = builder.resource;
		this.clientId = builder.clientId;
		this.objectId = builder.objectId;
		this.subscriptionId = builder.subscriptionId;
		this.resourceGroupName = builder.resourceGroupName;
		this.vmName = builder.vmName;
		this.vmssName = builder.vmssName;
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the resource the token is issued for; must equal the {@code resource} of Vault's Azure config.
	 * @return the resource
	 */
	public String getResource() {
		return this.resource;
	}

	/**
	 * Return the client id of the user-assigned identity to use, or {@code null}.
	 * @return the client id or {@code null}
	 */
	public @Nullable String getClientId() {
		return this.clientId;
	}

	/**
	 * Return the object id of the user-assigned identity to use, or {@code null}.
	 * @return the object id or {@code null}
	 */
	public @Nullable String getObjectId() {
		return this.objectId;
	}

	/**
	 * Return the subscription id, or {@code null} to read it from the instance metadata.
	 * @return the subscription id or {@code null}
	 */
	public @Nullable String getSubscriptionId() {
		return this.subscriptionId;
	}

	/**
	 * Return the resource group name, or {@code null} to read it from the instance metadata.
	 * @return the resource group name or {@code null}
	 */
	public @Nullable String getResourceGroupName() {
		return this.resourceGroupName;
	}

	/**
	 * Return the VM name, or {@code null} to read it from the instance metadata.
	 * @return the VM name or {@code null}
	 */
	public @Nullable String getVmName() {
		return this.vmName;
	}

	/**
	 * Return the scale set name, or {@code null} to read it from the instance metadata.
	 * @return the scale set name or {@code null}
	 */
	public @Nullable String getVmssName() {
		return this.vmssName;
	}

	/**
	 * Return the base URI of the Instance Metadata Service.
	 * @return the IMDS base URI
	 */
	public URI getImdsUri() {
		return metadataService();
	}

	boolean needsInstanceMetadata() {
		return this.subscriptionId == null || this.resourceGroupName == null
				|| (this.vmName == null && this.vmssName == null);
	}

	@Override
	public String toString() {
		return "AzureAuthenticationOptions[role=" + getRole() + ", resource=" + this.resource + ", clientId="
				+ this.clientId + ", objectId=" + this.objectId + ", subscriptionId=" + this.subscriptionId
				+ ", resourceGroupName=" + this.resourceGroupName + ", vmName=" + this.vmName + ", vmssName="
				+ this.vmssName + ", imdsUri=" + getImdsUri() + ", path=" + getPath() + ", namespace="
				+ getNamespace() + "]";
	}

	/**
	 * Builds {@link AzureAuthenticationOptions}.
	 */
	public static final class Builder extends CloudLoginOptions.Builder<Builder> {

		private String resource = DEFAULT_RESOURCE;

		private @Nullable String clientId;

		private @Nullable String objectId;

		private @Nullable String subscriptionId;

		private @Nullable String resourceGroupName;

		private @Nullable String vmName;

		private @Nullable String vmssName;

		private Builder() {
			super(DEFAULT_PATH, DEFAULT_IMDS_URI);
		}

		/**
		 * Set the resource the token is issued for.
		 * @param resource the resource, equal to the {@code resource} of Vault's Azure config
		 * @return this builder
		 */
		public Builder resource(String resource) {
			this.resource = text(resource, "resource");
			return this;
		}

		/**
		 * Use the user-assigned managed identity with this client id.
		 * @param clientId the client id, or {@code null} for the system-assigned identity
		 * @return this builder
		 */
		public Builder clientId(@Nullable String clientId) {
			this.clientId = optionalText(clientId);
			return this;
		}

		/**
		 * Use the user-assigned managed identity with this object id.
		 * @param objectId the object id, or {@code null} for the system-assigned identity
		 * @return this builder
		 */
		public Builder objectId(@Nullable String objectId) {
			this.objectId = optionalText(objectId);
			return this;
		}

		/**
		 * Set the subscription id sent with the login.
		 * @param subscriptionId the subscription id, or {@code null} to read it from the instance metadata
		 * @return this builder
		 */
		public Builder subscriptionId(@Nullable String subscriptionId) {
			this.subscriptionId = optionalText(subscriptionId);
			return this;
		}

		/**
		 * Set the resource group name sent with the login.
		 * @param resourceGroupName the name, or {@code null} to read it from the instance metadata
		 * @return this builder
		 */
		public Builder resourceGroupName(@Nullable String resourceGroupName) {
			this.resourceGroupName = optionalText(resourceGroupName);
			return this;
		}

		/**
		 * Set the VM name sent with the login.
		 * @param vmName the name, or {@code null} to read it from the instance metadata
		 * @return this builder
		 */
		public Builder vmName(@Nullable String vmName) {
			this.vmName = optionalText(vmName);
			return this;
		}

		/**
		 * Set the virtual machine scale set name sent with the login (instead of a VM name).
		 * @param vmssName the name, or {@code null} to read it from the instance metadata
		 * @return this builder
		 */
		public Builder vmssName(@Nullable String vmssName) {
			this.vmssName = optionalText(vmssName);
			return this;
		}

		/**
		 * Set the base URI of the Instance Metadata Service (tests point it at a stand-in).
		 * @param imdsUri the base URI
		 * @return this builder
		 */
		public Builder imdsUri(URI imdsUri) {
			return metadataService(imdsUri, "imdsUri");
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public AzureAuthenticationOptions build() {
			String role = requireRole("Azure");
			Assert.state(this.clientId == null || this.objectId == null,
					"Azure authentication takes a user-assigned identity's client id or its object id, not both");
			return new AzureAuthenticationOptions(this, role);
		}

	}

}
