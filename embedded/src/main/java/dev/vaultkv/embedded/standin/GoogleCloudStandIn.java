package dev.vaultkv.embedded.standin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import dev.vaultkv.embedded.auth.JwtMinter;
import dev.vaultkv.embedded.standin.StandInHttp.Reply;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in on 127.0.0.1 for the Google services the GCP auth method and its clients use: the GCE
 * metadata server of one instance, Google's OAuth 2.0 signing keys, the IAM API's service account lookup
 * and the IAM Service Account Credentials API's {@code signJwt}.
 * <ul>
 * <li>{@code GET /computeMetadata/v1/instance/service-accounts/<default|email>/identity?audience=...&format=full}
 * (header {@code Metadata-Flavor: Google}): an instance identity token signed with the stand-in's "Google"
 * key, issuer {@code https://accounts.google.com}, with the {@code google.compute_engine} claims of
 * {@code format=full}; {@code .../token} an access token, {@code .../email} the email.</li>
 * <li>{@code GET /.well-known/openid-configuration} and {@code GET /oauth2/v3/certs}: the Google key set;
 * {@code GET /service_accounts/v1/jwk/<email>}: the service account's key set.</li>
 * <li>{@code GET /v1/projects/-/serviceAccounts/<email or unique id>}: the service account.</li>
 * <li>{@code POST /v1/projects/-/serviceAccounts/<email>:signJwt} with {@code Authorization: Bearer
 * <access token>} and {@code {"payload": "<claims JSON>"}}: a JWT signed with the service account's key.</li>
 * </ul>
 * Point Vault's GCP mount at it with {@code custom_endpoint={"api": address, "iam": address}} (the embedded
 * server honours both), and the client's metadata and IAM Credentials base URLs at {@link #getAddress()}.
 *
 * <pre class="code">
 * try (GoogleCloudStandIn google = GoogleCloudStandIn.builder().projectId("my-project").start()) {
 * 	// POST auth/gcp/config {"custom_endpoint": {"api": google.getAddress(), "iam": google.getAddress()}}
 * 	// POST auth/gcp/role/app {"type": "gce", "bound_projects": "my-project"}
 * }
 * </pre>
 * Not for production use: keys live only in memory.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class GoogleCloudStandIn implements AutoCloseable {

	/**
	 * The issuer of Google-signed identity tokens.
	 */
	public static final String GOOGLE_ISSUER = "https://accounts.google.com";

	private static final String SERVICE_ACCOUNTS = "/computeMetadata/v1/instance/service-accounts/";

	private static final String IAM_ACCOUNTS = "/v1/projects/-/serviceAccounts/";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String projectId;

	private final long projectNumber;

	private final String zone;

	private final String instanceName;

	private final String instanceId;

	private final long instanceCreated;

	private final String serviceAccountEmail;

	private final String serviceAccountId;

	private final String accessToken = "ya29.stand-in-" + UUID.randomUUID();

	private final Clock clock;

	private final JwtMinter googleKey;

	private final JwtMinter serviceAccountKey;

	private final StandInHttp http;

	private GoogleCloudStandIn(Builder builder) {
		this.projectId = builder.projectId;
		this.projectNumber = Math.floorMod(builder.projectId.hashCode(), 900_000_000_000L) + 100_000_000_000L;
		this.zone = builder.zone;
		this.instanceName = builder.instanceName;
		this.instanceId = Long.toUnsignedString(UUID.nameUUIDFromBytes(
				(builder.projectId + "/" + builder.instanceName).getBytes(StandardCharsets.UTF_8))
			.getMostSignificantBits() >>> 1);
		this.clock = builder.clock;
		this.instanceCreated = this.clock.instant().minus(Duration.ofDays(1)).getEpochSecond();
		this.serviceAccountEmail = (builder.serviceAccountEmail != null) ? builder.serviceAccountEmail
				: "vault-client@" + builder.projectId + ".iam.gserviceaccount.com";
		this.serviceAccountId = uniqueId(this.serviceAccountEmail);
		this.googleKey = JwtMinter.rsa();
		this.serviceAccountKey = JwtMinter.rsa();
		this.http = new StandInHttp("google-cloud", this::handle);
	}

	/**
	 * Start building a stand-in.
	 * @return a builder
	 * @since 0.1.0
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the base address of every endpoint ({@code http://127.0.0.1:<port>}).
	 * @return the address
	 * @since 0.1.0
	 */
	public URI getAddress() {
		return this.http.address();
	}

	/**
	 * Return the project of the instance and its service account.
	 * @return the project id
	 * @since 0.1.0
	 */
	public String getProjectId() {
		return this.projectId;
	}

	/**
	 * Return the instance's zone.
	 * @return the zone
	 * @since 0.1.0
	 */
	public String getZone() {
		return this.zone;
	}

	/**
	 * Return the instance's name.
	 * @return the instance name
	 * @since 0.1.0
	 */
	public String getInstanceName() {
		return this.instanceName;
	}

	/**
	 * Return the email of the instance's service account.
	 * @return the email
	 * @since 0.1.0
	 */
	public String getServiceAccountEmail() {
		return this.serviceAccountEmail;
	}

	/**
	 * Return the numeric unique id of the instance's service account.
	 * @return the unique id
	 * @since 0.1.0
	 */
	public String getServiceAccountId() {
		return this.serviceAccountId;
	}

	/**
	 * Return the OAuth 2.0 access token the metadata server hands out and {@code signJwt} requires.
	 * @return the access token
	 * @since 0.1.0
	 */
	public String getAccessToken() {
		return this.accessToken;
	}

	/**
	 * Mint an instance identity token ({@code format=full}) as the metadata server does, for tests that
	 * need one with a chosen audience or lifetime.
	 * @param audience the audience
	 * @param issuedAt the issue time
	 * @param ttl the validity (Google's are valid for one hour)
	 * @return the signed token
	 * @since 0.1.0
	 */
	public String identityToken(String audience, Instant issuedAt, Duration ttl) {
		Objects.requireNonNull(audience, "'audience' must not be null");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", audience);
		claims.put("azp", this.serviceAccountId);
		claims.put("email", this.serviceAccountEmail);
		claims.put("email_verified", true);
		claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
		claims.put("google", Map.of("compute_engine", Map.of("instance_creation_timestamp", this.instanceCreated,
				"instance_id", this.instanceId, "instance_name", this.instanceName, "project_id", this.projectId,
				"project_number", this.projectNumber, "zone", this.zone)));
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("iss", GOOGLE_ISSUER);
		claims.put("sub", this.serviceAccountId);
		return this.googleKey.sign(claims);
	}

	/**
	 * Sign claims with the service account's key, as {@code signJwt} does.
	 * @param claims the claims
	 * @return the signed JWT
	 * @since 0.1.0
	 */
	public String signServiceAccountJwt(Map<String, ?> claims) {
		return this.serviceAccountKey.sign(claims);
	}

	private Reply handle(HttpExchange exchange) throws IOException {
		String path = StandInHttp.decodedPath(exchange);
		String method = exchange.getRequestMethod();
		if (path.startsWith(SERVICE_ACCOUNTS) && method.equals("GET")) {
			return metadata(exchange, path.substring(SERVICE_ACCOUNTS.length()));
		}
		if (path.equals("/.well-known/openid-configuration")) {
			return Reply.json(200, MAPPER.writeValueAsString(Map.of("issuer", getAddress().toString(), "jwks_uri",
					getAddress() + "/oauth2/v3/certs")));
		}
		if (path.equals("/oauth2/v3/certs")) {
			return Reply.json(200, this.googleKey.jwks());
		}
		if (path.equals("/service_accounts/v1/jwk/" + this.serviceAccountEmail)) {
			return Reply.json(200, this.serviceAccountKey.jwks());
		}
		if (path.startsWith(IAM_ACCOUNTS)) {
			String account = path.substring(IAM_ACCOUNTS.length());
			if (account.endsWith(":signJwt") && method.equals("POST")) {
				return signJwt(exchange, account.substring(0, account.length() - ":signJwt".length()));
			}
			if (method.equals("GET") && isServiceAccount(account)) {
				return Reply.json(200, MAPPER.writeValueAsString(Map.of("name",
						"projects/" + this.projectId + "/serviceAccounts/" + this.serviceAccountEmail, "projectId",
						this.projectId, "uniqueId", this.serviceAccountId, "email", this.serviceAccountEmail)));
			}
			return googleError(404, "NOT_FOUND", "Unknown service account");
		}
		return Reply.text(404, "Not Found");
	}

	private Reply metadata(HttpExchange exchange, String rest) {
		if (!"Google".equals(StandInHttp.header(exchange, "Metadata-Flavor"))) {
			return Reply.text(403, "Missing required header \"Metadata-Flavor\"");
		}
		int slash = rest.indexOf('/');
		String account = (slash < 0) ? rest : rest.substring(0, slash);
		String item = (slash < 0) ? "" : rest.substring(slash + 1);
		if (!account.equals("default") && !account.equals(this.serviceAccountEmail)) {
			return Reply.text(404, "Not Found");
		}
		return switch (item) {
			case "email" -> Reply.text(200, this.serviceAccountEmail);
			case "token" -> Reply.json(200, MAPPER.writeValueAsString(
					Map.of("access_token", this.accessToken, "expires_in", 3599, "token_type", "Bearer")));
			case "identity" -> {
				String audience = StandInHttp.query(exchange).getOrDefault("audience", "");
				yield audience.isEmpty() ? Reply.text(400, "non-empty audience parameter required")
						: Reply.text(200, identityToken(audience, this.clock.instant(), Duration.ofHours(1)));
			}
			default -> Reply.text(404, "Not Found");
		};
	}

	private Reply signJwt(HttpExchange exchange, String account) throws IOException {
		if (!("Bearer " + this.accessToken).equals(StandInHttp.header(exchange, "Authorization"))) {
			return googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
		}
		if (!isServiceAccount(account)) {
			return googleError(404, "NOT_FOUND", "Requested entity was not found.");
		}
		JsonNode payload;
		try (InputStream body = exchange.getRequestBody()) {
			payload = MAPPER.readTree(MAPPER.readTree(body).path("payload").asString(""));
		}
		catch (JacksonException ex) {
			return googleError(400, "INVALID_ARGUMENT", "Invalid JWT payload.");
		}
		if (!payload.isObject()) {
			return googleError(400, "INVALID_ARGUMENT", "Invalid JWT payload.");
		}
		return Reply.json(200, MAPPER.writeValueAsString(
				Map.of("keyId", this.serviceAccountKey.keyId(), "signedJwt", signServiceAccountJwt(MAPPER.convertValue(payload, Map.class)))));
	}

	private boolean isServiceAccount(String emailOrId) {
		return emailOrId.equals(this.serviceAccountEmail) || emailOrId.equals(this.serviceAccountId);
	}

	private static Reply googleError(int code, String status, String message) {
		return Reply.json(code, MAPPER.writeValueAsString(
				Map.of("error", Map.of("code", code, "message", message, "status", status))));
	}

	private static String uniqueId(String email) {
		long bits = UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).getLeastSignificantBits() >>> 2;
		return "1" + String.format("%020d", bits).substring(0, 20);
	}

	/**
	 * Stop serving.
	 * @since 0.1.0
	 */
	@Override
	public void close() {
		this.http.close();
	}

	@Override
	public String toString() {
		return "GoogleCloudStandIn[address=" + getAddress() + ", project=" + this.projectId + ", instance="
				+ this.instanceName + ", serviceAccount=" + this.serviceAccountEmail + "]";
	}

	/**
	 * Builds a {@link GoogleCloudStandIn}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private String projectId = "vaultkv-project";

		private String zone = "europe-west1-b";

		private String instanceName = "vaultkv-vm";

		private @Nullable String serviceAccountEmail;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set the project of the instance and its service account.
		 * @param projectId the project id
		 * @return this builder
		 */
		public Builder projectId(String projectId) {
			this.projectId = Objects.requireNonNull(projectId, "'projectId' must not be null");
			return this;
		}

		/**
		 * Set the instance's zone.
		 * @param zone the zone, such as {@code europe-west1-b}
		 * @return this builder
		 */
		public Builder zone(String zone) {
			this.zone = Objects.requireNonNull(zone, "'zone' must not be null");
			return this;
		}

		/**
		 * Set the instance's name.
		 * @param instanceName the name
		 * @return this builder
		 */
		public Builder instanceName(String instanceName) {
			this.instanceName = Objects.requireNonNull(instanceName, "'instanceName' must not be null");
			return this;
		}

		/**
		 * Set the email of the instance's service account (by default {@code vault-client@<project>.iam...}).
		 * @param email the email
		 * @return this builder
		 */
		public Builder serviceAccountEmail(String email) {
			this.serviceAccountEmail = Objects.requireNonNull(email, "'email' must not be null");
			return this;
		}

		/**
		 * Set the clock that dates the tokens (use the embedded server's clock when it is controlled).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
			return this;
		}

		/**
		 * Start the stand-in.
		 * @return the running stand-in
		 */
		public GoogleCloudStandIn start() {
			return new GoogleCloudStandIn(this);
		}

	}

}
