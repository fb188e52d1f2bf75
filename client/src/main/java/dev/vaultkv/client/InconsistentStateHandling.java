package dev.vaultkv.client;

/**
 * What a Vault node is asked to do ({@code X-Vault-Inconsistent} request header) with a request whose
 * {@code X-Vault-Index} it has not caught up with yet.
 *
 * @since 0.1.0
 */
public enum InconsistentStateHandling {

	/**
	 * Forward the request to the active node, which has every state ({@code forward-active-node}); needs
	 * {@code allow_forwarding_via_header} in the server's {@code replication} stanza, and a node that does
	 * not forward answers 412 as with {@link #FAIL}.
	 */
	FORWARD_ACTIVE_NODE("forward-active-node"),

	/**
	 * Answer 412, which the client retries with back-off ({@code fail}).
	 */
	FAIL("fail");

	private final String headerValue;

	InconsistentStateHandling(String headerValue) {
		this.headerValue = headerValue;
	}

	/**
	 * Return the value of the {@code X-Vault-Inconsistent} header.
	 * @return the header value
	 */
	public String getHeaderValue() {
		return this.headerValue;
	}

}
