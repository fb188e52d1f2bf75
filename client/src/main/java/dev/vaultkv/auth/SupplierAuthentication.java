package dev.vaultkv.auth;

import java.util.List;
import java.util.function.Supplier;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Takes tokens from application code (a token factory), for example one that reads the sink file of a
 * Vault Agent. The supplier is asked again whenever the session manager needs a new token (the current
 * one was rejected or is about to expire). Tokens obtained this way are never revoked by the session
 * manager: their owner is the supplier. To plug in a login method of your own whose tokens this
 * application owns, implement {@link ClientAuthentication} instead.
 *
 * @since 0.1.0
 */
public final class SupplierAuthentication implements ExternalTokenAuthentication {

	private final @Nullable Supplier<VaultToken> tokenSupplier;

	private final @Nullable Supplier<VaultAuth> authSupplier;

	private final @Nullable String namespace;

	private SupplierAuthentication(@Nullable Supplier<VaultToken> tokenSupplier,
			@Nullable Supplier<VaultAuth> authSupplier, @Nullable String namespace) {
		this.tokenSupplier = tokenSupplier;
		this.authSupplier = authSupplier;
		this.namespace = namespace;
	}

	/**
	 * Take tokens from a supplier; each token is looked up with {@code auth/token/lookup-self} to learn
	 * its TTL.
	 * @param supplier the token supplier
	 * @return the authentication
	 */
	public static SupplierAuthentication ofToken(Supplier<VaultToken> supplier) {
		return ofToken(supplier, null);
	}

	/**
	 * Take tokens from a supplier; each token is looked up with {@code auth/token/lookup-self} in the
	 * given namespace to learn its TTL.
	 * @param supplier the token supplier
	 * @param namespace the namespace of the tokens, {@code ""} for the root namespace, or {@code null}
	 * for the client's
	 * @return the authentication
	 */
	public static SupplierAuthentication ofToken(Supplier<VaultToken> supplier, @Nullable String namespace) {
		Assert.notNull(supplier, "'supplier' must not be null");
		return new SupplierAuthentication(supplier, null, namespace);
	}

	/**
	 * Take complete auth blocks (token, TTL, renewability) from a supplier.
	 * @param supplier the auth supplier
	 * @return the authentication
	 */
	public static SupplierAuthentication ofAuth(Supplier<VaultAuth> supplier) {
		Assert.notNull(supplier, "'supplier' must not be null");
		return new SupplierAuthentication(null, supplier, null);
	}

	@Override
	public VaultAuth login(VaultClient client) {
		if (this.authSupplier != null) {
			return checked(this.authSupplier.get(), "auth");
		}
		Assert.state(this.tokenSupplier != null, "No supplier");
		VaultToken token = checked(this.tokenSupplier.get(), "token");
		return TokenLookup.lookupSelf(client, token, this.namespace, "supplied Vault token");
	}

	private <T> T checked(@Nullable T value, String what) {
		if (value == null) {
			throw new AuthenticationException("The " + what + " supplier returned no " + what, null, null, 0,
					List.of(), null);
		}
		return value;
	}

	@Override
	public boolean canObtainNewToken() {
		return true;
	}

	@Override
	public String getMethodName() {
		return "supplier";
	}

	@Override
	public String toString() {
		return "SupplierAuthentication[" + ((this.authSupplier != null) ? "auth" : "token") + " supplier]";
	}

}
