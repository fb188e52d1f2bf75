package dev.vaultkv.embedded.server;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Describes who made a request for the request log, from the token it carries: the token's display name
 * (with the auth method's role when it set one) and policies. Never the token itself, nor its accessor.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class RequestCallers {

	private final ServerState state;

	/**
	 * Create a new instance.
	 * @param state the server state
	 * @since 0.1.0
	 */
	public RequestCallers(ServerState state) {
		this.state = state;
	}

	/**
	 * Describe the caller of a request.
	 * @param call the request
	 * @return the caller: empty name and policies when the request carries no token, {@code unknown token}
	 * when its token is not (or no longer) live
	 * @since 0.1.0
	 */
	public Caller describe(HttpCall call) {
		String tokenId = RequestProcessor.tokenId(call);
		if (tokenId == null) {
			return Caller.NONE;
		}
		TokenRecord record = this.state.tokens().find(tokenId, this.state.now());
		if (record == null) {
			return new Caller("unknown token", List.of());
		}
		String role = role(record);
		String name = (role != null) ? record.displayName + " (role " + role + ")" : record.displayName;
		return new Caller(name, record.policies);
	}

	private static @Nullable String role(TokenRecord record) {
		String role = record.metadata.get("role_name");
		if (role == null || role.isEmpty()) {
			role = record.metadata.get("role");
		}
		if ((role == null || role.isEmpty()) && !record.role.isEmpty()) {
			role = record.role;
		}
		return (role == null || role.isEmpty()) ? null : role;
	}

	/**
	 * Who made a request.
	 *
	 * @param name the token's display name, with its role if any
	 * @param policies the token's policies
	 * @since 0.1.0
	 */
	public record Caller(String name, List<String> policies) {

		/**
		 * The caller of a request without a token.
		 * @since 0.1.0
		 */
		public static final Caller NONE = new Caller("", List.of());

		/**
		 * Create a new instance.
		 * @param name the token's display name, with its role if any
		 * @param policies the token's policies
		 * @since 0.1.0
		 */
		public Caller {
			policies = List.copyOf(policies);
		}

	}

}
