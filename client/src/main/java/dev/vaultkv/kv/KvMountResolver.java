package dev.vaultkv.kv;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.MountNotFoundException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;

/**
 * Detects the KV version of mounts, once per mount, with {@code GET sys/internal/ui/mounts/<mount>}, and
 * remembers it. Share one instance between all {@link KvTemplate templates} of a client.
 * <p>
 * When Vault denies the detection (403, which is also its answer for an unknown mount) or does not offer
 * the endpoint, the configured fallback version is used and a warning names the setting; without a
 * fallback, the detection fails with a {@link KvVersionDetectionException}. A mount is never assumed to
 * be version 1. Transient failures (connection, 5xx, sealed) are thrown and not remembered.
 *
 * @since 0.1.0
 */
public final class KvMountResolver {

	private static final Log logger = LogFactory.getLog(KvMountResolver.class);

	private static final String DEFAULT_FALLBACK_SETTING = "the fallback KV version of the KvMountResolver";

	private final VaultClient client;

	private final @Nullable KvVersion fallbackVersion;

	private final String fallbackSetting;

	private final Map<String, KvVersion> versions = new ConcurrentHashMap<>();

	private final Map<String, KvMountResolver> namespaces = new ConcurrentHashMap<>();

	/**
	 * Create a resolver without a fallback version: a mount whose version cannot be detected fails.
	 * @param client the client
	 */
	public KvMountResolver(VaultClient client) {
		this(client, null, null);
	}

	/**
	 * Create a resolver with a fallback version for mounts whose version cannot be detected.
	 * @param client the client
	 * @param fallbackVersion the version to use when detection is denied or unavailable, or {@code null}
	 * to fail instead
	 * @param fallbackSetting the name of the setting that configured the fallback, for the warning (for
	 * example a configuration property), or {@code null}
	 */
	public KvMountResolver(VaultClient client, @Nullable KvVersion fallbackVersion, @Nullable String fallbackSetting) {
		Assert.notNull(client, "'client' must not be null");
		this.client = client;
		this.fallbackVersion = fallbackVersion;
		this.fallbackSetting = (fallbackSetting != null && !fallbackSetting.isBlank()) ? fallbackSetting
				: DEFAULT_FALLBACK_SETTING;
	}

	/**
	 * Return the resolver of the mounts of another namespace, created once and shared by everyone
	 * holding this resolver; it sends its requests to that namespace and assumes KV version 2 when
	 * the version cannot be detected there (a tenant's token rarely may read
	 * {@code sys/internal/ui/mounts}).
	 * @param namespace the namespace, {@code ""} for the root namespace
	 * @return the resolver
	 */
	public KvMountResolver inNamespace(String namespace) {
		Assert.notNull(namespace, "'namespace' must not be null");
		return this.namespaces.computeIfAbsent(namespace, (name) -> new KvMountResolver(this.client.inNamespace(name),
				KvVersion.V2, "the KV version 2 assumed in other namespaces"));
	}

	/**
	 * Return the KV version of a mount, detecting it on the first call for that mount.
	 * @param mount the mount path, without slashes at its ends
	 * @return the version
	 * @throws KvVersionDetectionException if the version cannot be detected and no fallback is configured,
	 * or the mount is not a KV engine
	 * @throws VaultException for transient failures, which are not remembered
	 */
	public KvVersion resolve(String mount) {
		String name = KvPaths.mount(mount);
		KvVersion version = this.versions.get(name);
		if (version != null) {
			return version;
		}
		return this.versions.computeIfAbsent(name, this::detect);
	}

	/**
	 * Record the version of a mount, so that it is never detected.
	 * @param mount the mount path
	 * @param version the version
	 */
	public void register(String mount, KvVersion version) {
		Assert.notNull(version, "'version' must not be null");
		this.versions.put(KvPaths.mount(mount), version);
	}

	private KvVersion detect(String mount) {
		VaultResponse response;
		try {
			response = this.client.execute(VaultRequest.get("sys/internal/ui/mounts/" + mount).build());
		}
		catch (PermissionDeniedException ex) {
			if (ex.isInvalidToken()) {
				// A dead token is an authentication problem that a fallback version would only hide.
				throw ex;
			}
			return fallback(mount, "Vault denied sys/internal/ui/mounts/" + mount
					+ " (403: the token has no capability on any path inside the mount, or no such mount exists)", ex);
		}
		catch (SecretNotFoundException | MountNotFoundException ex) {
			return fallback(mount, "this Vault does not offer sys/internal/ui/mounts (404)", ex);
		}
		catch (InvalidRequestException ex) {
			if (ex.getStatus() == 405) {
				return fallback(mount, "this Vault does not offer sys/internal/ui/mounts (405)", ex);
			}
			throw ex;
		}
		JsonNode data = response.data();
		if (data == null || !data.isObject()) {
			throw new KvVersionDetectionException(mount, "Could not detect the KV version of mount '" + mount
					+ "': Vault's answer to sys/internal/ui/mounts/" + mount + " has no 'data' object");
		}
		checkMountPath(mount, data);
		String type = data.path("type").asString("");
		if (!type.equals("kv") && !type.equals("generic")) {
			throw new KvVersionDetectionException(mount, "Mount '" + mount + "' is a '" + type
					+ "' secrets engine, not a key-value (kv) engine; check the mount name");
		}
		KvVersion version = version(mount, data.get("options"));
		if (logger.isDebugEnabled()) {
			logger.debug("Detected KV version " + version + " for mount '" + mount + "'");
		}
		return version;
	}

	private void checkMountPath(String mount, JsonNode data) {
		String path = data.path("path").asString("");
		String hosting = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		// The answer names the mount hosting the path: a shorter one means the name reaches into a mount.
		if (!hosting.isEmpty() && !hosting.equals(mount) && mount.startsWith(hosting + "/")) {
			throw new KvVersionDetectionException(mount, "'" + mount + "' is not a mount but a path inside mount '"
					+ hosting + "'; configure '" + hosting + "' as the mount and '" + mount.substring(hosting.length() + 1)
					+ "' as part of the secret paths");
		}
	}

	private KvVersion version(String mount, @Nullable JsonNode options) {
		if (options == null || options.isNull()) {
			return KvVersion.V1;
		}
		JsonNode version = options.get("version");
		if (version == null || version.isNull()) {
			return KvVersion.V1;
		}
		if (!version.isValueNode()) {
			throw new KvVersionDetectionException(mount,
					"Mount '" + mount + "' reports a KV version that is not a string or number");
		}
		String text = version.asString().trim().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "", "1" -> KvVersion.V1;
			case "2" -> KvVersion.V2;
			default -> throw new KvVersionDetectionException(mount,
					"Mount '" + mount + "' reports KV version '" + text + "', which vaultkv does not support");
		};
	}

	private KvVersion fallback(String mount, String reason, VaultException cause) {
		if (this.fallbackVersion == null) {
			throw new KvVersionDetectionException(mount, "Could not detect the KV version of mount '" + mount + "': "
					+ reason + ". Grant the token a capability on a path inside the mount, configure the mount's KV "
					+ "version explicitly, or configure a fallback KV version", cause);
		}
		logger.warn("Could not detect the KV version of mount '" + mount + "' because " + reason + "; using KV "
				+ "version " + ((this.fallbackVersion == KvVersion.V2) ? "2" : "1") + " from " + this.fallbackSetting);
		return this.fallbackVersion;
	}

}
