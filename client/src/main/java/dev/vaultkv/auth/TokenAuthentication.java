package dev.vaultkv.auth;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Uses a configured token. {@link #login} does not log in: it looks the token up with
 * {@code auth/token/lookup-self} so that its TTL and renewability are known. A token that may not look
 * itself up (created without the {@code default} policy) is treated as one that never expires. The
 * session manager renews a renewable configured token but never revokes it and cannot replace it.
 *
 * @since 0.1.0
 */
public final class TokenAuthentication implements ExternalTokenAuthentication {

	private final VaultToken token;

	private final @Nullable String namespace;

	/**
	 * Create a new instance.
	 * @param token the token
	 */
	public TokenAuthentication(VaultToken token) {
		this(token, null);
	}

	/**
	 * Create a new instance.
	 * @param token the token
	 * @param namespace the namespace to look the token up in, {@code ""} for the root namespace, or
	 * {@code null} for the client's
	 */
	public TokenAuthentication(VaultToken token, @Nullable String namespace) {
		Assert.notNull(token, "'token' must not be null");
		this.token = token;
		this.namespace = namespace;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		return TokenLookup.lookupSelf(client, this.token, this.namespace, "configured Vault token");
	}

	@Override
	public boolean canObtainNewToken() {
		return false;
	}

	@Override
	public String getMethodName() {
		return "token";
	}

	@Override
	public String toString() {
		return "TokenAuthentication[token=****, namespace=" + this.namespace + "]";
	}

}
