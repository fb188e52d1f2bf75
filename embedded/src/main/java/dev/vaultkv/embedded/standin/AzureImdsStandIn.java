package dev.vaultkv.embedded.standin;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in on 127.0.0.1 for the Azure Instance Metadata Service of one VM (or scale set instance) with a
 * managed identity, plus the key set of the tenant that signs its tokens.
 * <ul>
 * <li>{@code GET /metadata/identity/oauth2/token?api-version=...&resource=...} (header {@code Metadata: true},
 * optional {@code client_id}/{@code object_id} that must name this identity): an access token with the claims
 * of a managed identity token (issuer {@code https://sts.windows.net/<tenant>/}, audience the resource,
 * {@code oid}, {@code appid}, {@code tid}, {@code xms_mirid} naming the VM).</li>
 * <li>{@code GET /metadata/instance?api-version=...}: the {@code compute} section (subscription, resource
 * group, VM and scale set name, location).</li>
 * <li>{@code GET /keys}: the signing key set; give {@link #getJwksUrl()} to the embedded server's Azure
 * config as {@code jwks_url}.</li>
 * </ul>
 * Not for production use: the key lives only in memory.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class AzureImdsStandIn implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String tenantId;

	private final String subscriptionId;

	private final String resourceGroupName;

	private final String vmName;

	private final @Nullable String vmssName;

	private final String location;

	private final String principalId;

	private final String clientId;

	private final Clock clock;

	private final JwtMinter key = JwtMinter.rsa();

	private final StandInHttp http;

	private AzureImdsStandIn(Builder builder) {
		this.tenantId = builder.tenantId;
		this.subscriptionId = builder.subscriptionId;
		this.resourceGroupName = builder.resourceGroupName;
		this.vmName = builder.vmName;
		this.vmssName = builder.vmssName;
		this.location = builder.location;
		this.principalId = builder.principalId;
		this.clientId = builder.clientId;
		this.clock = builder.clock;
		this.http = new StandInHttp("azure-imds", this::handle);
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
	 * Return the base address of the metadata service ({@code http://127.0.0.1:<port>}).
	 * @return the address
	 * @since 0.1.0
	 */
	public URI getAddress() {
		return this.http.address();
	}

	/**
	 * Return the URL of the signing key set.
	 * @return the key set URL
	 * @since 0.1.0
	 */
	public String getJwksUrl() {
		return getAddress() + "/keys";
	}

	/**
	 * Return the tenant id (the token issuer is {@code https://sts.windows.net/<tenant id>/}).
	 * @return the tenant id
	 * @since 0.1.0
	 */
	public String getTenantId() {
		return this.tenantId;
	}

	/**
	 * Return the subscription id of the VM.
	 * @return the subscription id
	 * @since 0.1.0
	 */
	public String getSubscriptionId() {
		return this.subscriptionId;
	}

	/**
	 * Return the resource group of the VM.
	 * @return the resource group name
	 * @since 0.1.0
	 */
	public String getResourceGroupName() {
		return this.resourceGroupName;
	}

	/**
	 * Return the VM name.
	 * @return the VM name
	 * @since 0.1.0
	 */
	public String getVmName() {
		return this.vmName;
	}

	/**
	 * Return the object id of the managed identity's service principal (the token's {@code oid}).
	 * @return the principal id
	 * @since 0.1.0
	 */
	public String getPrincipalId() {
		return this.principalId;
	}

	/**
	 * Return the client id of the managed identity (the token's {@code appid}).
	 * @return the client id
	 * @since 0.1.0
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * Mint a managed identity access token, for tests that need one with a chosen resource or lifetime.
	 * @param resource the resource (audience)
	 * @param issuedAt the issue time
	 * @param ttl the validity
	 * @return the signed token
	 * @since 0.1.0
	 */
	public String accessToken(String resource, Instant issuedAt, Duration ttl) {
		Objects.requireNonNull(resource, "'resource' must not be null");
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("aud", resource);
		claims.put("iss", "https://sts.windows.net/" + this.tenantId + "/");
		claims.put("iat", issuedAt.getEpochSecond());
		claims.put("nbf", issuedAt.getEpochSecond());
		claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
		claims.put("aio", "stand-in");
		claims.put("appid", this.clientId);
		claims.put("appidacr", "2");
		claims.put("idp", "https://sts.windows.net/" + this.tenantId + "/");
		claims.put("idtyp", "app");
		claims.put("oid", this.principalId);
		claims.put("sub", this.principalId);
		claims.put("tid", this.tenantId);
		claims.put("ver", "1.0");
		claims.put("xms_mirid", resourceId());
		return this.key.sign(claims);
	}

	private String resourceId() {
		String prefix = "/subscriptions/" + this.subscriptionId + "/resourcegroups/" + this.resourceGroupName
				+ "/providers/Microsoft.Compute/";
		return (this.vmssName != null) ? prefix + "virtualMachineScaleSets/" + this.vmssName
				: prefix + "virtualMachines/" + this.vmName;
	}

	private Reply handle(HttpExchange exchange) {
		String path = StandInHttp.decodedPath(exchange);
		if (path.equals("/keys")) {
			return Reply.json(200, this.key.jwks());
		}
		if (!"true".equals(StandInHttp.header(exchange, "Metadata"))) {
			return error(400, "invalid_request", "Required metadata header not specified");
		}
		Map<String, String> query = StandInHttp.query(exchange);
		if (!query.containsKey("api-version")) {
			return error(400, "invalid_request", "Required query variable 'api-version' is missing");
		}
		if (path.equals("/metadata/identity/oauth2/token")) {
			String resource = query.getOrDefault("resource", "");
			if (resource.isEmpty()) {
				return error(400, "invalid_request", "Required query variable 'resource' is missing");
			}
			String wantedClient = query.get("client_id");
			String wantedObject = query.get("object_id");
			if ((wantedClient != null && !wantedClient.equals(this.clientId))
					|| (wantedObject != null && !wantedObject.equals(this.principalId))) {
				return error(400, "invalid_request", "Identity not found");
			}
			Instant now = this.clock.instant();
			Duration ttl = Duration.ofHours(24);
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("access_token", accessToken(resource, now, ttl));
			answer.put("client_id", this.clientId);
			answer.put("expires_in", String.valueOf(ttl.toSeconds()));
			answer.put("expires_on", String.valueOf(now.plus(ttl).getEpochSecond()));
			answer.put("ext_expires_in", String.valueOf(ttl.toSeconds()));
			answer.put("not_before", String.valueOf(now.getEpochSecond()));
			answer.put("resource", resource);
			answer.put("token_type", "Bearer");
			return Reply.json(200, MAPPER.writeValueAsString(answer));
		}
		if (path.equals("/metadata/instance")) {
			Map<String, Object> compute = new LinkedHashMap<>();
			compute.put("location", this.location);
			compute.put("name", (this.vmssName != null) ? this.vmssName + "_0" : this.vmName);
			compute.put("resourceGroupName", this.resourceGroupName);
			compute.put("subscriptionId", this.subscriptionId);
			compute.put("vmId", UUID.nameUUIDFromBytes(resourceId().getBytes(StandardCharsets.UTF_8)).toString());
			compute.put("vmScaleSetName", (this.vmssName != null) ? this.vmssName : "");
			return Reply.json(200, MAPPER.writeValueAsString(Map.of("compute", compute)));
		}
		return error(404, "not_found", "Path not found");
	}

	private static Reply error(int status, String error, String description) {
		return Reply.json(status, MAPPER.writeValueAsString(Map.of("error", error, "error_description", description)));
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
		return "AzureImdsStandIn[address=" + getAddress() + ", tenant=" + this.tenantId + ", vm=" + this.vmName + "]";
	}

	/**
	 * Builds an {@link AzureImdsStandIn}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private String tenantId = UUID.randomUUID().toString();

		private String subscriptionId = UUID.randomUUID().toString();

		private String resourceGroupName = "vaultkv-rg";

		private String vmName = "vaultkv-vm";

		private @Nullable String vmssName;

		private String location = "westeurope";

		private String principalId = UUID.randomUUID().toString();

		private String clientId = UUID.randomUUID().toString();

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set the tenant id.
		 * @param tenantId the tenant id
		 * @return this builder
		 */
		public Builder tenantId(String tenantId) {
			this.tenantId = Objects.requireNonNull(tenantId, "'tenantId' must not be null");
			return this;
		}

		/**
		 * Set the subscription id.
		 * @param subscriptionId the subscription id
		 * @return this builder
		 */
		public Builder subscriptionId(String subscriptionId) {
			this.subscriptionId = Objects.requireNonNull(subscriptionId, "'subscriptionId' must not be null");
			return this;
		}

		/**
		 * Set the resource group.
		 * @param resourceGroupName the resource group name
		 * @return this builder
		 */
		public Builder resourceGroupName(String resourceGroupName) {
			this.resourceGroupName = Objects.requireNonNull(resourceGroupName, "'resourceGroupName' must not be null");
			return this;
		}

		/**
		 * Set the VM name.
		 * @param vmName the VM name
		 * @return this builder
		 */
		public Builder vmName(String vmName) {
			this.vmName = Objects.requireNonNull(vmName, "'vmName' must not be null");
			return this;
		}

		/**
		 * Make the VM an instance of a (uniform) scale set.
		 * @param vmssName the scale set name
		 * @return this builder
		 */
		public Builder vmssName(String vmssName) {
			this.vmssName = Objects.requireNonNull(vmssName, "'vmssName' must not be null");
			return this;
		}

		/**
		 * Set the location.
		 * @param location the location, such as {@code westeurope}
		 * @return this builder
		 */
		public Builder location(String location) {
			this.location = Objects.requireNonNull(location, "'location' must not be null");
			return this;
		}

		/**
		 * Set the object id of the identity's service principal.
		 * @param principalId the principal id
		 * @return this builder
		 */
		public Builder principalId(String principalId) {
			this.principalId = Objects.requireNonNull(principalId, "'principalId' must not be null");
			return this;
		}

		/**
		 * Set the client id of the identity.
		 * @param clientId the client id
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			this.clientId = Objects.requireNonNull(clientId, "'clientId' must not be null");
			return this;
		}

		/**
		 * Set the clock that dates the tokens.
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
		public AzureImdsStandIn start() {
			return new AzureImdsStandIn(this);
		}

	}

}
