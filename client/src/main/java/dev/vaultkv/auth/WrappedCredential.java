package dev.vaultkv.auth;

import java.util.List;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.MalformedResponseException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A credential delivered as a response-wrapping token. The wrapping token is single use, so the
 * unwrapped value is kept and reused for later logins; a different wrapping token (a rewritten file)
 * is unwrapped again.
 */
final class WrappedCredential {

	static final String UNWRAP = "sys/wrapping/unwrap";

	private final CredentialSource wrappingToken;

	private final String field;

	private final String description;

	private @Nullable VaultToken unwrappedFrom;

	private char @Nullable [] value;

	/**
	 * Create a new instance.
	 * @param wrappingToken the source of the wrapping token
	 * @param field the field of the unwrapped {@code data} ({@code secret_id})
	 * @param description what the credential is ({@code AppRole secret_id})
	 */
	WrappedCredential(CredentialSource wrappingToken, String field, String description) {
		this.wrappingToken = wrappingToken;
		this.field = field;
		this.description = description;
	}

	/**
	 * Return the unwrapped credential, unwrapping a wrapping token not seen before.
	 * @param client the client
	 * @param namespace the namespace or {@code null}
	 * @return the credential
	 */
	synchronized String obtain(VaultClient client, @Nullable String namespace) {
		VaultToken token = VaultToken.of(this.wrappingToken.obtain("wrapping token of the " + this.description));
		if (token.equals(this.unwrappedFrom) && this.value != null) {
			return new String(this.value);
		}
		JsonNode data;
		try {
			data = client.execute(VaultRequest.post(UNWRAP).token(token).namespace(namespace).build())
				.requireData();
		}
		catch (InvalidRequestException | PermissionDeniedException ex) {
			throw unwrapRefused(ex, this.description, "");
		}
		JsonNode node = data.get(this.field);
		if (node == null || !node.isString() || node.stringValue().isBlank()) {
			throw new MalformedResponseException("The wrapping token of the " + this.description
					+ " wraps no '" + this.field + "'; wrap the answer that issues it", "POST", UNWRAP, 200,
					List.of(), null);
		}
		String unwrapped = node.stringValue();
		this.unwrappedFrom = token;
		this.value = unwrapped.toCharArray();
		return unwrapped;
	}

	/**
	 * Describe Vault's refusal to unwrap, saying clearly when the wrapping token was already used.
	 * @param ex the refusal
	 * @param description what is wrapped ({@code AppRole secret_id})
	 * @param note added after "single use" ({@code ", so a restarted application needs a new one"})
	 * @return the exception to throw
	 */
	static AuthenticationException unwrapRefused(VaultException ex, String description, String note) {
		boolean used = ex.getErrors().stream().anyMatch((e) -> e.contains("wrapping token is not valid"));
		String summary = used
				? "The wrapping token of the " + description + " is not valid or does not exist: it was already "
						+ "unwrapped (wrapping tokens are single use" + note + ") or its TTL expired; provide a "
						+ "freshly wrapped " + description
				: "Vault refused to unwrap the " + description;
		return new AuthenticationException(summary, ex.getOperation(), ex.getPath(), ex.getStatus(), ex.getErrors(),
				ex);
	}

	boolean hasUnwrapped() {
		return this.value != null;
	}

	@Override
	public String toString() {
		return "wrapped(" + this.wrappingToken + ")";
	}

}
