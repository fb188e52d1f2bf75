package dev.vaultkv.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import dev.vaultkv.database.DatabaseCredentialsManager;

/**
 * What the {@code vault} endpoint reports: never a token, accessor or secret value.
 *
 * @param connection the resolved connection
 * @param token the current token's state, or {@code null} before the first login
 * @param kvMounts the KV mounts in use
 * @param secrets the secrets in use
 * @param refreshEnabled whether the refresh operation is enabled
 * @param consumers the components that follow changed secrets
 * @param databaseCredentials the database credentials of {@code vault.database.*}: role, masked lease id,
 * time left, renewals and rotations, next renewal or rotation; never a password
 * @since 0.1.0
 */
public record VaultDescriptor(Connection connection, @Nullable Token token, List<KvMount> kvMounts,
		List<SecretInUse> secrets, boolean refreshEnabled, List<Consumer> consumers,
		List<DatabaseCredentialsManager.Status> databaseCredentials) implements OperationResponseBody {

	/**
	 * A component that follows changed secrets.
	 *
	 * @param name the consumer's name
	 * @param follows the secrets it follows, as {@code [namespace] mount//path}, with the version last
	 * applied ({@code 0} on KV version 1 or when absent)
	 * @param applications how many changes were applied
	 * @param lastAppliedAt when a change was last applied, or {@code null}
	 * @param failures how many applications failed
	 * @param lastFailure the type of the last failure, or {@code null}
	 * @param lastFailureAt when an application last failed, or {@code null}
	 * @param failing whether a failed application is waiting to be retried
	 * @since 0.1.0
	 */
	public record Consumer(String name, Map<String, Long> follows, long applications, @Nullable Instant lastAppliedAt,
			long failures, @Nullable String lastFailure, @Nullable Instant lastFailureAt, boolean failing) {

	}

	/**
	 * The resolved connection.
	 *
	 * @param uri the server address, without user information, query or fragment
	 * @param namespace the namespace secrets are read in, or {@code null} for the root namespace
	 * @param authenticationNamespace the namespace logged in to, or {@code null} for the root namespace
	 * @param authMethod the auth method name
	 * @param roleIdentity the role, role ID or user name logged in with, masked, or {@code null}
	 * @since 0.1.0
	 */
	public record Connection(String uri, @Nullable String namespace, @Nullable String authenticationNamespace,
			@Nullable String authMethod, @Nullable String roleIdentity) {

	}

	/**
	 * The current token's state, without the token or its accessor.
	 *
	 * @param ttlSeconds the seconds it has left, or {@code null} when it never expires
	 * @param renewable whether it can be renewed
	 * @param obtainedAt when it was obtained
	 * @param expiresAt when it expires, or {@code null} when it never does
	 * @param loginObtained whether it came from a login (and is replaced by a new login when it ends)
	 * @since 0.1.0
	 */
	public record Token(@Nullable Long ttlSeconds, boolean renewable, Instant obtainedAt,
			@Nullable Instant expiresAt, boolean loginObtained) {

	}

	/**
	 * A KV mount in use.
	 *
	 * @param mount the mount path, without slashes
	 * @param version the KV version ({@code 1} or {@code 2}), or {@code unknown} when it cannot be
	 * detected
	 * @since 0.1.0
	 */
	public record KvMount(String mount, String version) {

	}

	/**
	 * A secret in use, without its values.
	 *
	 * @param namespace the tenant namespace it was read in, or {@code null} for the client's
	 * @param mount the mount
	 * @param path the path inside the mount
	 * @param pinnedVersion the version the reference names, or {@code null} for the current version
	 * @param version the version read, or {@code null} on KV version 1 or when absent
	 * @param present whether the secret exists
	 * @param keys the names of its keys
	 * @param ageSeconds how long ago it was read from Vault
	 * @param sources the ways in that read it: {@code placeholder}, {@code config-data}, {@code @Secret},
	 * {@code api}
	 * @param stale whether it is served past its time to live because Vault could not be read
	 * @since 0.1.0
	 */
	public record SecretInUse(@Nullable String namespace, String mount, String path, @Nullable Long pinnedVersion,
			@Nullable Long version,
			boolean present, List<String> keys, long ageSeconds, List<String> sources, boolean stale) {

	}

}
