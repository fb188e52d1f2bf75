package dev.vaultkv.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * Logs in with the Azure auth method using a managed identity: on every login an access token for the
 * configured resource is requested from the Instance Metadata Service
 * ({@code GET /metadata/identity/oauth2/token}), the VM's subscription, resource group and VM or scale
 * set name are read from {@code GET /metadata/instance} (unless all are configured), and all are sent to
 * {@code POST auth/<path>/login} with the role.
 *
 * @since 0.1.0
 */
public final class AzureAuthentication implements ClientAuthentication {

	private static final String HINT = "check that the role binds this identity's service principal, "
			+ "subscription and resource group, and that the resource matches the 'resource' of the mount's config";

	private final AzureAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public AzureAuthentication(AzureAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		String jwt = accessToken();
		JsonNode compute = this.options.needsInstanceMetadata() ? instanceCompute() : null;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("role", this.options.getRole());
		body.put("jwt", jwt);
		body.put("subscription_id", value(this.options.getSubscriptionId(), compute, "subscriptionId"));
		body.put("resource_group_name", value(this.options.getResourceGroupName(), compute, "resourceGroupName"));
		String vmssName = (this.options.getVmName() != null) ? null
				: value(this.options.getVmssName(), compute, "vmScaleSetName");
		if (vmssName != null && !vmssName.isEmpty()) {
			body.put("vmss_name", vmssName);
		}
		else {
			body.put("vm_name", value(this.options.getVmName(), compute, "name"));
		}
		// the Azure plugin returns its refusals (token verification, bound subscriptions, resource groups,
		// service principals) as plain errors, which Vault answers with 500
		return LoginRequests.loginRefusingWith500(client, "Azure", this.options, this.options.getRole(), body, HINT,
				(ex) -> !ex.getErrors().isEmpty());
	}

	private String accessToken() {
		StringBuilder path = new StringBuilder("/metadata/identity/oauth2/token?api-version=2018-02-01&resource=")
			.append(encode(this.options.getResource()));
		if (this.options.getClientId() != null) {
			path.append("&client_id=").append(encode(this.options.getClientId()));
		}
		if (this.options.getObjectId() != null) {
			path.append("&object_id=").append(encode(this.options.getObjectId()));
		}
		URI uri = URI.create(MetadataHttp.join(this.options.getImdsUri().toString(), path.toString()));
		String what = "managed identity access token";
		JsonNode answer = MetadataHttp.json(MetadataHttp.get(uri, what, "check that the VM has a managed identity "
				+ "(and, for a user-assigned one, the client id or object id) and that the resource is valid",
				"Metadata", "true"), what);
		return MetadataHttp.text(answer, "access_token", "answer of the Azure Instance Metadata Service");
	}

	private JsonNode instanceCompute() {
		URI uri = URI.create(MetadataHttp.join(this.options.getImdsUri().toString(),
				"/metadata/instance?api-version=2017-08-01"));
		String what = "Azure instance metadata";
		JsonNode compute = MetadataHttp.json(MetadataHttp.get(uri, what, null, "Metadata", "true"), what)
			.path("compute");
		if (!compute.isObject()) {
			throw MetadataHttp.failure("The Azure instance metadata has no 'compute' section", null);
		}
		return compute;
	}

	private static String value(@Nullable String configured, @Nullable JsonNode compute, String field) {
		if (configured != null) {
			return configured;
		}
		JsonNode value = (compute != null) ? compute.get(field) : null;
		return (value != null && value.isString()) ? value.stringValue() : "";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String getMethodName() {
		return "azure";
	}

	@Override
	public String toString() {
		return "AzureAuthentication[" + this.options + "]";
	}

}
