package dev.vaultkv.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The outcome of a forced refresh: never a secret value.
 *
 * @param refreshed the secrets read again
 * @since 0.1.0
 */
public record RefreshDescriptor(List<Refreshed> refreshed) implements OperationResponseBody {

	/**
	 * A secret read again.
	 *
	 * @param mount the mount
	 * @param path the path inside the mount
	 * @param version the version now served, or {@code null} on KV version 1 or when absent
	 * @param present whether the secret exists
	 * @param stale whether the previous value is still served because Vault could not be read
	 * @param error the failure, or {@code null}
	 * @since 0.1.0
	 */
	public record Refreshed(String mount, String path, @Nullable Long version, boolean present, boolean stale,
			@Nullable String error) {

	}

}
