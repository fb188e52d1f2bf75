package dev.vaultkv.auth;

import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;

import org.springframework.util.Assert;

/**
 * Logs in with the TLS certificate auth method ({@code POST auth/<path>/login} with an optional
 * {@code name}). Vault authenticates the TLS client certificate of the connection, so the
 * {@link VaultClient} passed to {@link #login} must be built with an SSL context that holds the client
 * certificate and its key (for example an SSL bundle with a key store); without one Vault answers
 * 400 {@code invalid certificate or no client certificate supplied}.
 *
 * @since 0.1.0
 */
public final class CertAuthentication implements ClientAuthentication {

	private final CertAuthenticationOptions options;

	/**
	 * Create a new instance with the default options.
	 */
	public CertAuthentication() {
		this(CertAuthenticationOptions.builder().build());
	}

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public CertAuthentication(CertAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		Map<String, Object> body = (this.options.getName() != null) ? Map.of("name", this.options.getName())
				: Map.of();
		return LoginRequests.login(client, "TLS certificate", this.options, this.options.getName(), body,
				"check that the Vault client presents a client certificate that a certificate role trusts");
	}

	@Override
	public String getMethodName() {
		return "cert";
	}

	@Override
	public String toString() {
		return "CertAuthentication[" + this.options + "]";
	}

}
