package dev.vaultkv.client;

import java.util.Objects;

import org.springframework.util.Assert;

/**
 * {@link VaultClient} that sends every request to one namespace, whatever the request asks for, so that
 * a tenant's operations cannot reach another namespace.
 *
 * @since 0.1.0
 * @see VaultClient#inNamespace(String)
 */
final class NamespacedVaultClient implements VaultClient {

	private final VaultClient delegate;

	private final String namespace;

	NamespacedVaultClient(VaultClient delegate, String namespace) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(namespace, "'namespace' must not be null");
		this.delegate = delegate;
		this.namespace = namespace;
	}

	@Override
	public VaultResponse execute(VaultRequest request) {
		return this.delegate.execute(inNamespace(request));
	}

	private VaultRequest inNamespace(VaultRequest request) {
		VaultRequest.Builder builder = switch (request.getMethod().name()) {
			case "GET" -> request.isList() ? VaultRequest.list(request.getPath()) : VaultRequest.get(request.getPath());
			case "POST" -> VaultRequest.post(request.getPath());
			case "PUT" -> VaultRequest.put(request.getPath());
			case "PATCH" -> VaultRequest.patch(request.getPath());
			case "DELETE" -> VaultRequest.delete(request.getPath());
			default -> throw new IllegalArgumentException("Unsupported method " + request.getMethod());
		};
		request.getQuery().forEach(builder::query);
		builder.body(request.getBody()).wrapTtl(request.getWrapTtl()).namespace(this.namespace);
		switch (request.getAuthentication()) {
			case NONE -> builder.unauthenticated();
			case EXPLICIT_TOKEN -> builder.token(Objects.requireNonNull(request.getToken()));
			case TOKEN -> {
			}
		}
		return builder.build();
	}

	@Override
	public String toString() {
		return "NamespacedVaultClient[namespace=" + this.namespace + "]";
	}

}
