package dev.vaultkv.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Logs in with the GCP auth method as a service account ({@code iam} role type): a JWT naming the
 * service account ({@code sub}), the role's audience and an expiry within the role's {@code max_jwt_exp} is
 * signed by Google's IAM Credentials API ({@code POST v1/projects/-/serviceAccounts/<account>:signJwt}) on
 * every login and sent to {@code POST auth/<path>/login} with the role. The access token for that API comes
 * from the options' source if set, else from Google's Application Default Credentials when Google's auth
 * library ({@code com.google.auth:google-auth-library-oauth2-http}) is on the class path, else from the GCE
 * metadata server.
 *
 * @since 0.1.0
 */
public final class GcpIamAuthentication implements ClientAuthentication {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final GcpIamAuthenticationOptions options;

	private final @Nullable Supplier<String> applicationDefaultCredentials;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public GcpIamAuthentication(GcpIamAuthenticationOptions options) {
		this(options, GoogleCredentialsAccessToken.ifPresent(GcpIamAuthentication.class.getClassLoader()));
	}

	GcpIamAuthentication(GcpIamAuthenticationOptions options, @Nullable Supplier<String> applicationDefaultCredentials) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
		this.applicationDefaultCredentials = applicationDefaultCredentials;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		CredentialSource signed = this.options.getSignedJwt();
		String jwt = (signed != null) ? signed.obtain("signed service account JWT") : signJwt();
		return LoginRequests.login(client, "GCP IAM", this.options, this.options.getRole(),
				Map.of("role", this.options.getRole(), "jwt", jwt),
				"check that the role exists with type 'iam', binds this service account (bound_service_accounts)"
						+ " and its project, and allows the JWT's validity (max_jwt_exp)");
	}

	private String signJwt() {
		String account = this.options.getServiceAccount();
		Assert.state(account != null, "No service account");
		long exp = this.options.getClock().instant().plus(this.options.getJwtValidity()).getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", account);
		claims.put("aud", this.options.getAudience());
		claims.put("exp", exp);
		URI uri = URI.create(MetadataHttp.join(this.options.getIamCredentialsUri().toString(),
				"/v1/projects/-/serviceAccounts/" + URLEncoder.encode(account, StandardCharsets.UTF_8) + ":signJwt"));
		String what = "JWT signed by the IAM Credentials API for service account '" + account + "'";
		String body = MetadataHttp.postJson(uri, what, Map.of("payload", MAPPER.writeValueAsString(claims)),
				"check that the access token is valid and its principal may sign JWTs for the service account "
						+ "(roles/iam.serviceAccountTokenCreator), and that the service account exists",
				"Authorization", "Bearer " + accessToken());
		JsonNode answer = MetadataHttp.json(body, what);
		return MetadataHttp.text(answer, "signedJwt", "answer of the IAM Credentials API");
	}

	private String accessToken() {
		CredentialSource source = this.options.getAccessToken();
		if (source != null) {
			return source.obtain("Google OAuth 2.0 access token");
		}
		if (this.applicationDefaultCredentials != null) {
			String token;
			try {
				token = this.applicationDefaultCredentials.get();
			}
			catch (IllegalStateException ex) {
				throw MetadataHttp.failure(String.valueOf(ex.getMessage()), (ex.getCause() != null) ? ex.getCause() : ex);
			}
			if (token == null || token.isBlank()) {
				throw MetadataHttp.failure("Google's Application Default Credentials gave no access token", null);
			}
			return token;
		}
		URI uri = URI.create(MetadataHttp.join(this.options.getMetadataUri().toString(),
				"/computeMetadata/v1/instance/service-accounts/default/token"));
		String what = "OAuth 2.0 access token of the GCE metadata server";
		JsonNode answer = MetadataHttp.json(MetadataHttp.get(uri, what, "outside Google Cloud, give an access token "
				+ "source (accessTokenSupplier) instead", "Metadata-Flavor", "Google"), what);
		return MetadataHttp.text(answer, "access_token", "answer of the GCE metadata server");
	}

	@Override
	public String getMethodName() {
		return "gcp";
	}

	@Override
	public String toString() {
		return "GcpIamAuthentication[" + this.options
				+ ((this.applicationDefaultCredentials != null && this.options.getAccessToken() == null
						&& this.options.getSignedJwt() == null) ? ", accessToken=Application Default Credentials" : "")
				+ "]";
	}

}
