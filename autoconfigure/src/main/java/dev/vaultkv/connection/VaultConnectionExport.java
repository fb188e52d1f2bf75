package dev.vaultkv.connection;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.WrapInfo;
import dev.vaultkv.secret.VaultNotReadyException;

/**
 * What another component (a sidecar, a job started by the application, a charm relation) needs to reach
 * the secrets this application reads: Vault's address, the namespace, the KV mount and, with AppRole
 * login, the role ID and a way to obtain a secret ID: {@linkplain #getSecretIdReference() by reference}
 * or as a {@linkplain #wrapSecretId(String, Duration) response-wrapped secret ID} that only its
 * recipient can unwrap, once. A secret ID is never handed out in plain.
 * <p>
 * Every method throws {@link VaultNotReadyException} until the application's client is usable, that
 * is logged in; the first call logs in if no request did yet. {@link #toString()} names the address and
 * the mount only.
 *
 * @since 0.1.0
 */
public class VaultConnectionExport {

	private final URI uri;

	private final @Nullable String namespace;

	private final String kvMount;

	private final String authPath;

	private final @Nullable String roleId;

	private final @Nullable SecretIdReference secretIdReference;

	private final SessionManager sessionManager;

	private final VaultClient client;

	/**
	 * Create a new instance.
	 * @param uri Vault's address
	 * @param namespace the namespace secrets are read in, or {@code null}
	 * @param kvMount the KV mount secrets are read from
	 * @param authPath the mount path of the AppRole auth method
	 * @param roleId the AppRole role ID, or {@code null} when the application does not log in with
	 * AppRole
	 * @param secretIdReference where the secret ID comes from, or {@code null} when it cannot be told
	 * (AppRole without a secret ID, or another login method)
	 * @param sessionManager the application's session manager, which tells whether it is logged in
	 * @param client the application's client, which generates wrapped secret IDs
	 */
	public VaultConnectionExport(URI uri, @Nullable String namespace, String kvMount, String authPath,
			@Nullable String roleId, @Nullable SecretIdReference secretIdReference, SessionManager sessionManager,
			VaultClient client) {
		Assert.notNull(uri, "'uri' must not be null");
		Assert.hasText(kvMount, "'kvMount' must not be empty");
		Assert.hasText(authPath, "'authPath' must not be empty");
		Assert.notNull(sessionManager, "'sessionManager' must not be null");
		Assert.notNull(client, "'client' must not be null");
		this.uri = uri;
		this.namespace = namespace;
		this.kvMount = kvMount;
		this.authPath = authPath;
		this.roleId = roleId;
		this.secretIdReference = secretIdReference;
		this.sessionManager = sessionManager;
		this.client = client;
	}

	/**
	 * Return whether the application's client is logged in, without logging in.
	 * @return whether the other methods answer without a login
	 */
	public boolean isReady() {
		TokenState state = this.sessionManager.getTokenState();
		return state != null && (state.expiresAt() == null || state.expiresAt().isAfter(Instant.now()));
	}

	/**
	 * Return Vault's address.
	 * @return the address
	 */
	public URI getUri() {
		requireReady();
		return this.uri;
	}

	/**
	 * Return the namespace secrets are read in.
	 * @return the namespace, or {@code null} for the root namespace
	 */
	public @Nullable String getNamespace() {
		requireReady();
		return this.namespace;
	}

	/**
	 * Return the KV mount secrets are read from ({@code vault.kv.mount}).
	 * @return the mount
	 */
	public String getKvMount() {
		requireReady();
		return this.kvMount;
	}

	/**
	 * Return the mount path of the AppRole auth method.
	 * @return the path, for example {@code approle}
	 */
	public String getAuthPath() {
		requireReady();
		return this.authPath;
	}

	/**
	 * Return the AppRole role ID.
	 * @return the role ID, or {@code null} when the application does not log in with AppRole
	 */
	public @Nullable String getRoleId() {
		requireReady();
		return this.roleId;
	}

	/**
	 * Return where the application's secret ID comes from.
	 * @return the reference, or {@code null} when the application does not log in with a secret ID
	 */
	public @Nullable SecretIdReference getSecretIdReference() {
		requireReady();
		return this.secretIdReference;
	}

	/**
	 * Generate a new secret ID for an AppRole role and return it response-wrapped
	 * ({@code auth/<path>/role/<name>/secret-id} with {@code X-Vault-Wrap-TTL}): the recipient unwraps
	 * it once with {@code sys/wrapping/unwrap}. The application's token needs the {@code update}
	 * capability on that path.
	 * @param roleName the role's name
	 * @param wrapTtl how long the wrapping token lives
	 * @return the wrapping token and its details; its {@code toString()} hides the token
	 * @throws dev.vaultkv.client.PermissionDeniedException if the token may not generate secret IDs
	 */
	public WrapInfo wrapSecretId(String roleName, Duration wrapTtl) {
		Assert.hasText(roleName, "'roleName' must not be empty");
		Assert.isTrue(wrapTtl != null && wrapTtl.toSeconds() >= 1, "'wrapTtl' must be at least one second");
		requireReady();
		VaultRequest request = VaultRequest.post("auth/" + this.authPath + "/role/" + roleName + "/secret-id")
			.body(Map.of())
			.wrapTtl(wrapTtl)
			.build();
		VaultResponse response = this.client.execute(request);
		WrapInfo wrapInfo = response.wrapInfo();
		if (wrapInfo == null) {
			throw new VaultException("Vault did not wrap the secret ID of AppRole role '" + roleName
					+ "' (no wrap_info in the answer); nothing was handed out");
		}
		return wrapInfo;
	}

	private void requireReady() {
		if (isReady()) {
			return;
		}
		try {
			this.sessionManager.getToken();
		}
		catch (VaultException ex) {
			throw VaultNotReadyException.notLoggedIn("the Vault connection", ex);
		}
	}

	@Override
	public String toString() {
		return "VaultConnectionExport[uri=" + this.uri + ", namespace=" + this.namespace + ", kvMount=" + this.kvMount
				+ ", authPath=" + this.authPath + ", secretId=" + this.secretIdReference + "]";
	}

}
