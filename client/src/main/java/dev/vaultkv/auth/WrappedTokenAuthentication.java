package dev.vaultkv.auth;

import java.nio.file.Path;
import java.util.List;

import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.MalformedResponseException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * Obtains the Vault token from a response-wrapping token ({@code POST sys/wrapping/unwrap}): the wrapped
 * answer of a token creation or login ({@code vault token create -wrap-ttl=5m}), or wrapped data holding a
 * {@code token} field ({@code vault write sys/wrapping/wrap token=...}). A wrapping token can be unwrapped
 * only once, so the unwrapped token cannot be replaced: it is renewed while renewable, and once it
 * expires the session manager fails with a message that says a new wrapping token is needed. The
 * session manager never revokes the unwrapped token.
 *
 * @since 0.1.0
 */
public final class WrappedTokenAuthentication implements ExternalTokenAuthentication {

	private final CredentialSource wrappingToken;

	private final @Nullable String namespace;

	/**
	 * Create a new instance.
	 * @param wrappingToken the source of the wrapping token (a value, a file, a supplier)
	 * @param namespace the namespace to unwrap in, {@code ""} for the root namespace, or {@code null} for
	 * the client's
	 */
	public WrappedTokenAuthentication(CredentialSource wrappingToken, @Nullable String namespace) {
		Assert.notNull(wrappingToken, "'wrappingToken' must not be null");
		this.wrappingToken = wrappingToken;
		this.namespace = namespace;
	}

	/**
	 * Create an instance for a wrapping token given as a value.
	 * @param wrappingToken the wrapping token
	 * @return the authentication
	 */
	public static WrappedTokenAuthentication of(String wrappingToken) {
		return new WrappedTokenAuthentication(CredentialSource.of(wrappingToken), null);
	}

	/**
	 * Create an instance for a wrapping token read from a file.
	 * @param file the file holding the wrapping token
	 * @return the authentication
	 */
	public static WrappedTokenAuthentication ofFile(Path file) {
		return new WrappedTokenAuthentication(CredentialSource.ofFile(file), null);
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		VaultToken token = VaultToken.of(this.wrappingToken.obtain("wrapping token of the Vault token"));
		VaultResponse response;
		try {
			response = client.execute(VaultRequest.post(WrappedCredential.UNWRAP).token(token)
				.namespace(this.namespace).build());
		}
		catch (InvalidRequestException | PermissionDeniedException ex) {
			throw WrappedCredential.unwrapRefused(ex, "Vault token", ", so a restarted application needs a new one");
		}
		if (response.auth() != null) {
			return response.auth();
		}
		JsonNode data = response.data();
		JsonNode wrapped = (data != null) ? data.get("token") : null;
		if (wrapped == null || !wrapped.isString() || wrapped.stringValue().isBlank()) {
			throw new MalformedResponseException("The wrapping token wraps neither an 'auth' block nor a 'token' "
					+ "field; wrap the answer of a token creation or login, or data holding 'token'", "POST",
					WrappedCredential.UNWRAP, response.status(), List.of(), null);
		}
		return TokenLookup.lookupSelf(client, VaultToken.of(wrapped.stringValue()), this.namespace,
				"Vault token unwrapped from the wrapping token");
	}

	@Override
	public boolean canObtainNewToken() {
		return false;
	}

	@Override
	public String getTokenDescription() {
		return "Vault token unwrapped from the wrapping token";
	}

	@Override
	public String getReplacementAdvice() {
		return "a wrapping token can be unwrapped only once, so no new token can be obtained: provide a freshly "
				+ "wrapped token (with a longer TTL or a renewable token) and restart, or use a login method such "
				+ "as AppRole or Kubernetes that can obtain new tokens";
	}

	@Override
	public String getMethodName() {
		return "wrapped-token";
	}

	@Override
	public String toString() {
		return "WrappedTokenAuthentication[wrappingToken=" + this.wrappingToken + ", namespace=" + this.namespace
				+ "]";
	}

}
