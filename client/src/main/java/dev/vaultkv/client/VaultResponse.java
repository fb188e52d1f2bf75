package dev.vaultkv.client;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Vault's response envelope: {@code request_id}, lease fields, {@code data}, {@code auth},
 * {@code wrap_info} and {@code warnings}. A 204 answer gives a response whose every part is empty.
 * {@link #toString()} never shows {@code data}.
 *
 * @param status the HTTP status (200 or 204)
 * @param requestId Vault's request id, or {@code null}
 * @param leaseId the lease id, empty for KV
 * @param renewable whether the lease is renewable
 * @param leaseDuration the lease duration in seconds
 * @param data the {@code data} object, or {@code null}
 * @param auth the {@code auth} block of logins and token operations, or {@code null}
 * @param wrapInfo the {@code wrap_info} of a wrapped response, or {@code null}
 * @param warnings Vault's warnings, possibly empty
 * @param body the whole envelope, for endpoints that put data at the top level ({@code sys/health});
 * {@code null} for 204
 * @since 0.1.0
 */
public record VaultResponse(int status, @Nullable String requestId, String leaseId, boolean renewable,
		long leaseDuration, @Nullable JsonNode data, @Nullable VaultAuth auth, @Nullable WrapInfo wrapInfo,
		List<String> warnings, @Nullable JsonNode body) {

	/**
	 * Create a new instance.
	 */
	public VaultResponse {
		warnings = List.copyOf(warnings);
	}

	/**
	 * Return an empty response, as for a 204.
	 * @return the response
	 */
	public static VaultResponse noContent() {
		return new VaultResponse(204, null, "", false, 0, null, null, null, List.of(), null);
	}

	/**
	 * Return the {@code data} object, failing clearly when Vault sent none.
	 * @return the data
	 * @throws MalformedResponseException if the response has no {@code data} object
	 */
	public JsonNode requireData() {
		if (this.data == null || !this.data.isObject()) {
			throw new MalformedResponseException("Vault's answer has no 'data' object", null, null, this.status,
					List.of(), null);
		}
		return this.data;
	}

	/**
	 * Return the {@code auth} block, failing clearly when Vault sent none.
	 * @return the auth block
	 * @throws MalformedResponseException if the response has no {@code auth} block
	 */
	public VaultAuth requireAuth() {
		if (this.auth == null) {
			throw new MalformedResponseException("Vault's answer has no 'auth' block", null, null, this.status,
					List.of(), null);
		}
		return this.auth;
	}

	@Override
	public String toString() {
		return "VaultResponse[status=" + this.status + ", requestId=" + this.requestId + ", data="
				+ ((this.data != null) ? "****" : "null") + ", auth=" + this.auth + ", wrapInfo=" + this.wrapInfo
				+ ", warnings=" + this.warnings + "]";
	}

}
