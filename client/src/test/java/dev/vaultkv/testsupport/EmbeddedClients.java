package dev.vaultkv.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.sys.SysTemplate;

/**
 * Clients and credentials for tests against an {@link EmbeddedVaultServer}.
 */
public final class EmbeddedClients {

	private EmbeddedClients() {
	}

	/**
	 * Return a client of the server sending the given token.
	 * @param server the server
	 * @param token the token
	 * @return the client
	 */
	public static VaultClient client(EmbeddedVaultServer server, String token) {
		return DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(token)))
			.readTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Write a policy and create a token holding it.
	 * @param root a client with the root token
	 * @param name the policy's name
	 * @param hcl the policy
	 * @return the new token
	 */
	public static String tokenWithPolicy(VaultClient root, String name, String hcl) {
		new SysTemplate(root).writePolicy(name, hcl);
		return root.execute(VaultRequest.post("auth/token/create").body(Map.of("policies", List.of(name))).build())
			.requireAuth()
			.clientToken()
			.getToken();
	}

	/**
	 * Return the role ID of an AppRole role mounted at {@code approle}.
	 * @param root a client with the root token
	 * @param role the role
	 * @return the role ID
	 */
	public static String roleId(VaultClient root, String role) {
		return root.execute(VaultRequest.get("auth/approle/role/" + role + "/role-id").build())
			.requireData()
			.get("role_id")
			.asString();
	}

	/**
	 * Generate a secret ID of an AppRole role mounted at {@code approle}.
	 * @param root a client with the root token
	 * @param role the role
	 * @return the secret ID
	 */
	public static String secretId(VaultClient root, String role) {
		return root.execute(VaultRequest.post("auth/approle/role/" + role + "/secret-id").body(Map.of()).build())
			.requireData()
			.get("secret_id")
			.asString();
	}

}
