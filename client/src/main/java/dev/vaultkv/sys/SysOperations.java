package dev.vaultkv.sys;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.client.WrapInfo;
import dev.vaultkv.kv.KvVersion;

/**
 * Vault's system backend beside KV: health, seal status, mounts, auth mounts, ACL policies, response
 * wrapping and capabilities. Mount paths are given without slashes at their ends.
 *
 * @since 0.1.0
 * @see SysTemplate
 */
public interface SysOperations {

	/**
	 * Return the node's health ({@code sys/health}, unauthenticated). Standby, sealed and uninitialized
	 * nodes are reported in the result, not as exceptions.
	 * @return the health
	 */
	HealthStatus health();

	/**
	 * Return the node's seal status ({@code sys/seal-status}, unauthenticated).
	 * @return the seal status
	 */
	SealStatus sealStatus();

	/**
	 * List the secrets engine mounts.
	 * @return the mounts by path
	 */
	Map<String, MountInfo> getMounts();

	/**
	 * Read one secrets engine mount (Vault 1.10 and later).
	 * @param path the mount path
	 * @return the mount, or {@code null} when nothing is mounted there
	 */
	@Nullable MountInfo getMount(String path);

	/**
	 * Mount a secrets engine.
	 * @param path the mount path
	 * @param request what to mount
	 */
	void enableMount(String path, MountRequest request);

	/**
	 * Unmount a secrets engine, deleting all its data. Succeeds when nothing is mounted there.
	 * @param path the mount path
	 */
	void disableMount(String path);

	/**
	 * Read a mount's tunable settings.
	 * @param path the mount path
	 * @return the settings; every field is set
	 */
	MountTune readMountTune(String path);

	/**
	 * Change a mount's tunable settings; {@code null} fields are left as they are.
	 * @param path the mount path
	 * @param tune the changes
	 */
	void tuneMount(String path, MountTune tune);

	/**
	 * Return the KV version of the mount hosting a path ({@code sys/internal/ui/mounts}).
	 * @param mount the mount path
	 * @return the version, or {@code null} when the mount is not a key-value engine
	 * @throws dev.vaultkv.client.PermissionDeniedException when the token has no capability inside the
	 * mount, or no such mount exists
	 */
	@Nullable KvVersion getKvVersion(String mount);

	/**
	 * List the auth method mounts.
	 * @return the mounts by path
	 */
	Map<String, MountInfo> getAuthMounts();

	/**
	 * Enable an auth method (needs {@code sudo}).
	 * @param path the mount path, for example {@code approle}
	 * @param request what to mount
	 */
	void enableAuth(String path, MountRequest request);

	/**
	 * Disable an auth method, revoking its tokens. Succeeds when nothing is mounted there.
	 * @param path the mount path
	 */
	void disableAuth(String path);

	/**
	 * List the ACL policy names.
	 * @return the sorted names
	 */
	List<String> listPolicies();

	/**
	 * Read an ACL policy.
	 * @param name the policy name
	 * @return the policy, or {@code null} when absent
	 */
	@Nullable AclPolicy readPolicy(String name);

	/**
	 * Create or replace an ACL policy.
	 * @param name the policy name
	 * @param policy the policy document (HCL or JSON)
	 */
	void writePolicy(String name, String policy);

	/**
	 * Delete an ACL policy. Succeeds when it is absent.
	 * @param name the policy name
	 */
	void deletePolicy(String name);

	/**
	 * Wrap data in a single-use token ({@code sys/wrapping/wrap}).
	 * @param data the data to wrap
	 * @param ttl the wrapping token's TTL
	 * @return the wrapping information, holding the wrapping token
	 */
	WrapInfo wrap(Map<String, ?> data, Duration ttl);

	/**
	 * Unwrap with the wrapping token itself as the request's token. The wrapping token is used up.
	 * @param wrappingToken the wrapping token
	 * @return the wrapped answer ({@code data} or {@code auth})
	 */
	VaultResponse unwrap(VaultToken wrappingToken);

	/**
	 * Unwrap with the client's token, passing the wrapping token in the body. The wrapping token is used
	 * up.
	 * @param wrappingToken the wrapping token
	 * @return the wrapped answer ({@code data} or {@code auth})
	 */
	VaultResponse unwrapWithClientToken(VaultToken wrappingToken);

	/**
	 * Look up a wrapping token without using it up (unauthenticated).
	 * @param wrappingToken the wrapping token
	 * @return what Vault tells about it
	 */
	WrappingLookup lookupWrapping(VaultToken wrappingToken);

	/**
	 * Return the client token's capabilities on a path ({@code sys/capabilities-self}).
	 * @param path the path, relative to {@code /v1/}
	 * @return the capabilities, {@code [deny]} when none
	 */
	List<String> capabilitiesSelf(String path);

	/**
	 * Return the client token's capabilities on several paths ({@code sys/capabilities-self}).
	 * @param paths the paths, relative to {@code /v1/}
	 * @return the capabilities by path
	 */
	Map<String, List<String>> capabilitiesSelf(Collection<String> paths);

}
