package dev.vaultkv.embedded.auth;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS auth method's client configuration ({@code config/client}). Mutable; guarded by the backend
 * monitor.
 *
 * @author vaultkv
 */
final class AwsClientConfig {

	String accessKey = "";

	String secretKey = "";

	String endpoint = "";

	String iamEndpoint = "";

	String stsEndpoint = "";

	String stsRegion = "";

	String serverIdHeaderValue = "";

	int maxRetries = -1;

	List<String> allowedStsHeaderValues = List.of();

	boolean useStsRegionFromClient;

	AwsClientConfig copy() {
		AwsClientConfig copy = new AwsClientConfig();
		copy.accessKey = this.accessKey;
		copy.secretKey = this.secretKey;
		copy.endpoint = this.endpoint;
		copy.iamEndpoint = this.iamEndpoint;
		copy.stsEndpoint = this.stsEndpoint;
		copy.stsRegion = this.stsRegion;
		copy.serverIdHeaderValue = this.serverIdHeaderValue;
		copy.maxRetries = this.maxRetries;
		copy.allowedStsHeaderValues = this.allowedStsHeaderValues;
		copy.useStsRegionFromClient = this.useStsRegionFromClient;
		return copy;
	}

	ObjectNode toData() {
		ObjectNode data = Json.object();
		data.put("access_key", this.accessKey);
		data.put("endpoint", this.endpoint);
		data.put("iam_endpoint", this.iamEndpoint);
		data.put("sts_endpoint", this.stsEndpoint);
		data.put("sts_region", this.stsRegion);
		data.put("iam_server_id_header_value", this.serverIdHeaderValue);
		data.put("max_retries", this.maxRetries);
		data.set("allowed_sts_header_values", Json.array(this.allowedStsHeaderValues));
		data.put("use_sts_region_from_client", this.useStsRegionFromClient);
		return data;
	}

	@Override
	public String toString() {
		return "ClientConfig[stsEndpoint=" + this.stsEndpoint + "]";
	}

}
