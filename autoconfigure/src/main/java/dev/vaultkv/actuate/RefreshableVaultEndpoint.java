package dev.vaultkv.actuate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.secret.CachedSecret;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

/**
 * The {@code vault} actuator endpoint with a write operation that reads cached secrets from Vault again
 * now: one path, or every cached secret. While Vault cannot be read, the cached values stay in use.
 * Values injected once (a {@code @Secret} {@code String} field, a resolved placeholder) do not change;
 * {@code SecretValue} handles and later reads see the new value.
 *
 * @since 0.1.0
 */
@Endpoint(id = "vault")
public class RefreshableVaultEndpoint extends VaultEndpoint {

	/**
	 * Create a new instance.
	 * @param connection the resolved connection
	 * @param sessionManager the session manager, or {@code null}
	 * @param secretStore the secret store, or {@code null}
	 * @param mountResolver the KV mount resolver, or {@code null}
	 * @param defaultMount the default KV mount
	 * @param clock the clock
	 */
	public RefreshableVaultEndpoint(VaultConnection connection, @Nullable SessionManager sessionManager,
			@Nullable SecretStore secretStore, @Nullable KvMountResolver mountResolver, String defaultMount,
			Clock clock) {
		super(connection, sessionManager, secretStore, mountResolver, defaultMount, clock);
	}

	@Override
	protected boolean isRefreshEnabled() {
		return true;
	}

	/**
	 * Read cached secrets from Vault again.
	 * @param mount the mount of the path, or {@code null} for the default mount
	 * @param path the path to refresh, or {@code null} for every cached secret
	 * @return what was refreshed
	 */
	@WriteOperation
	public RefreshDescriptor refresh(@Nullable String mount, @Nullable String path) {
		SecretStore store = getSecretStore();
		if (!(store instanceof CachingSecretStore cachingStore)) {
			return new RefreshDescriptor(List.of());
		}
		List<SecretLocation> locations = new ArrayList<>();
		if (path == null || path.isBlank()) {
			cachingStore.getCachedSecrets().stream().map(CachedSecret::location).forEach(locations::add);
		}
		else {
			String mountName = trimSlashes((mount != null && !mount.isBlank()) ? mount : getDefaultMount());
			String pathName = trimSlashes(path);
			if (mountName.isEmpty() || pathName.isEmpty()) {
				throw new InvalidEndpointRequestException("'mount' and 'path' must name a secret, for example "
						+ "mount=secret and path=myapp/db", "Invalid secret path");
			}
			cachingStore.getCachedSecrets()
				.stream()
				.map(CachedSecret::location)
				.filter((location) -> location.mount().equals(mountName) && location.path().equals(pathName))
				.forEach(locations::add);
			if (locations.isEmpty()) {
				locations.add(new SecretLocation(mountName, pathName, 0));
			}
		}
		locations.sort(Comparator.comparing(SecretLocation::toString));
		return new RefreshDescriptor(locations.stream().map((location) -> refresh(cachingStore, location)).toList());
	}

	private RefreshDescriptor.Refreshed refresh(CachingSecretStore store, SecretLocation location) {
		try {
			store.refresh(location);
			CachedSecret cached = store.getCachedSecrets()
				.stream()
				.filter((secret) -> secret.location().equals(location))
				.findFirst()
				.orElse(null);
			return new RefreshDescriptor.Refreshed(location.mount(), location.path(),
					(cached != null) ? cached.version() : null, cached != null && cached.present(),
					cached != null && cached.stale(), null);
		}
		catch (VaultException ex) {
			return new RefreshDescriptor.Refreshed(location.mount(), location.path(), null, false, false,
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static String trimSlashes(String value) {
		String trimmed = value.trim();
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

}
