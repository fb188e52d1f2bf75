package dev.vaultkv.lease;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

import dev.vaultkv.client.MalformedResponseException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.kv.SecretData;

/**
 * {@link LeaseOperations} over a {@link VaultClient}. Thread-safe. Renewals and revocations are sent
 * with the client's current token: a lease belongs to the token that created it, and a token replaced by
 * a new login of the same identity keeps the leases of its predecessor only while that one lives, so
 * revoking the parent token (or letting it expire) revokes its leases too.
 *
 * @since 0.1.0
 */
public class LeaseTemplate implements LeaseOperations {

	private final VaultClient client;

	/**
	 * Create a new instance.
	 * @param client the client
	 */
	public LeaseTemplate(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		this.client = client;
	}

	@Override
	public LeasedSecret read(String path) {
		Assert.hasText(path, "'path' must not be empty");
		VaultResponse response = this.client.execute(VaultRequest.get(path).build());
		JsonNode data = response.requireData();
		Lease lease = response.leaseId().isEmpty() ? null
				: new Lease(response.leaseId(), Duration.ofSeconds(response.leaseDuration()), response.renewable());
		return new LeasedSecret(SecretData.of(data), lease, response.warnings());
	}

	@Override
	public Lease renew(String leaseId, @Nullable Duration increment) {
		Assert.hasText(leaseId, "'leaseId' must not be empty");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("lease_id", leaseId);
		if (increment != null) {
			body.put("increment", increment.toSeconds());
		}
		VaultResponse response = this.client.execute(VaultRequest.put("sys/leases/renew").body(body).build());
		String id = response.leaseId().isEmpty() ? leaseId : response.leaseId();
		return new Lease(id, Duration.ofSeconds(response.leaseDuration()), response.renewable());
	}

	@Override
	public void revoke(String leaseId) {
		Assert.hasText(leaseId, "'leaseId' must not be empty");
		this.client.execute(VaultRequest.put("sys/leases/revoke").body(Map.of("lease_id", leaseId)).build());
	}

	@Override
	public LeaseInfo lookup(String leaseId) {
		Assert.hasText(leaseId, "'leaseId' must not be empty");
		JsonNode data = this.client
			.execute(VaultRequest.put("sys/leases/lookup").body(Map.of("lease_id", leaseId)).build())
			.requireData();
		return new LeaseInfo(text(data, "id", leaseId), instant(data, "issue_time"), instant(data, "expire_time"),
				instant(data, "last_renewal"), data.path("renewable").asBoolean(false),
				Duration.ofSeconds(data.path("ttl").asLong(0)));
	}

	private static String text(JsonNode data, String field, String fallback) {
		JsonNode value = data.get(field);
		return (value != null && value.isString() && !value.stringValue().isEmpty()) ? value.stringValue() : fallback;
	}

	private static @Nullable Instant instant(JsonNode data, String field) {
		JsonNode value = data.get(field);
		if (value == null || !value.isString() || value.stringValue().isEmpty()) {
			return null;
		}
		try {
			return Instant.parse(value.stringValue());
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.OffsetDateTime.parse(value.stringValue()).toInstant();
			}
			catch (DateTimeParseException nested) {
				throw new MalformedResponseException("Vault's lease lookup has an unreadable '" + field + "'", null,
						"sys/leases/lookup", 200, java.util.List.of(), null);
			}
		}
	}

}
