package dev.vaultkv.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

import org.springframework.util.Assert;

/**
 * Logs in with the GCP auth method using the instance identity token of a Google Compute Engine VM: the
 * token is requested from the metadata server
 * ({@code GET /computeMetadata/v1/instance/service-accounts/<account>/identity?audience=...&format=full})
 * on every login and sent to {@code POST auth/<path>/login} with the role. On GKE with Workload Identity,
 * whose metadata server issues no {@code format=full} instance tokens, use {@link GcpIamAuthentication}.
 *
 * @since 0.1.0
 */
public final class GcpGceAuthentication implements ClientAuthentication {

	private final GcpGceAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public GcpGceAuthentication(GcpGceAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		String jwt = identityToken();
		return LoginRequests.login(client, "GCP GCE", this.options, this.options.getRole(),
				Map.of("role", this.options.getRole(), "jwt", jwt),
				"check that the role exists with type 'gce' and binds this instance's project, zone and "
						+ "service account");
	}

	private String identityToken() {
		URI uri = URI.create(MetadataHttp.join(this.options.getMetadataUri().toString(),
				"/computeMetadata/v1/instance/service-accounts/" + encode(this.options.getServiceAccount())
						+ "/identity?audience=" + encode(this.options.getAudience()) + "&format=full"));
		return MetadataHttp.get(uri, "GCE instance identity token", "check that the service account '"
				+ this.options.getServiceAccount() + "' is attached to the instance", "Metadata-Flavor", "Google")
			.strip();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String getMethodName() {
		return "gcp";
	}

	@Override
	public String toString() {
		return "GcpGceAuthentication[" + this.options + "]";
	}

}
