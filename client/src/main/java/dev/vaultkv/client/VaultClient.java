package dev.vaultkv.client;

/**
 * Sends requests to Vault's HTTP API. Implementations add the configured address, namespace and token,
 * retry once with a new token when Vault rejects the current one, and translate every failure into a
 * {@link VaultException}.
 *
 * @since 0.1.0
 * @see DefaultVaultClient
 */
@FunctionalInterface
public interface VaultClient {

	/**
	 * Execute a request.
	 * @param request the request
	 * @return the parsed response of a 2xx answer (a 204 gives an empty response)
	 * @throws VaultException for every non-2xx answer, transport failure and malformed reply
	 */
	VaultResponse execute(VaultRequest request);

	/**
	 * Return a client that sends every request through this one to the given namespace, whatever
	 * namespace the request names.
	 * @param namespace the namespace, {@code ""} for the root namespace
	 * @return the client
	 */
	default VaultClient inNamespace(String namespace) {
		return new NamespacedVaultClient(this, namespace);
	}

}
