package dev.vaultkv.samples.approle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.MalformedResponseException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysOperations;
import dev.vaultkv.sys.SysTemplate;

/**
 * The embedded dev server, set up for the sample through Vault's HTTP API as an operator would set up a real
 * Vault: the AppRole auth method, a policy that may read {@code secret/data/renewal/*}, the role
 * {@value #ROLE} whose tokens live {@link #TOKEN_TTL} (at most {@link #TOKEN_MAX_TTL}), a role-id, a secret-id
 * and the demo secret.
 */
final class DemoVault implements AutoCloseable {

	static final String ROLE = "renewal-demo";

	static final String POLICY = "renewal-demo-read";

	static final Duration TOKEN_TTL = Duration.ofSeconds(20);

	static final Duration TOKEN_MAX_TTL = Duration.ofSeconds(60);

	static final String SECRET_PATH = "renewal/demo";

	/** The demo secret; a development value, known to the tests. */
	static final String DEMO_API_KEY = "renewal-demo-api-key-0123456789";

	private static final String POLICY_DOCUMENT = """
			path "secret/data/renewal/*" {
			  capabilities = ["read"]
			}
			""";

	private final EmbeddedVaultServer server;

	private final String roleId;

	private final String secretId;

	private DemoVault(EmbeddedVaultServer server, String roleId, String secretId) {
		this.server = server;
		this.roleId = roleId;
		this.secretId = secretId;
	}

	/**
	 * Start the embedded server on a free port (or the given one) and set it up.
	 * @param port the port, 0 for a free one
	 * @return the running, set-up server
	 */
	static DemoVault start(int port) {
		EmbeddedVaultServer server = EmbeddedVaultServer.builder().port(port).start();
		try {
			return setUp(server);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	private static DemoVault setUp(EmbeddedVaultServer server) {
		VaultClient operator = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		SysOperations sys = new SysTemplate(operator);
		sys.enableAuth("approle", MountRequest.of("approle"));
		sys.writePolicy(POLICY, POLICY_DOCUMENT);
		operator.execute(VaultRequest.post("auth/approle/role/" + ROLE)
			.body(Map.of("token_ttl", TOKEN_TTL.toSeconds() + "s", "token_max_ttl", TOKEN_MAX_TTL.toSeconds() + "s",
					"token_policies", List.of(POLICY)))
			.build());
		String roleId = read(operator, VaultRequest.get("auth/approle/role/" + ROLE + "/role-id").build(), "role_id");
		String secretId = read(operator, VaultRequest.post("auth/approle/role/" + ROLE + "/secret-id").build(),
				"secret_id");
		KvTemplate.create(operator, "secret").write(SECRET_PATH, Map.of("api-key", DEMO_API_KEY));
		return new DemoVault(server, roleId, secretId);
	}

	private static String read(VaultClient client, VaultRequest request, String field) {
		JsonNode value = client.execute(request).requireData().get(field);
		if (value == null || !value.isString() || value.stringValue().isEmpty()) {
			throw new MalformedResponseException("Vault's answer has no '" + field + "'", request.getOperation(),
					request.getPath(), 200, List.of(), null);
		}
		return value.stringValue();
	}

	/**
	 * Return the server.
	 * @return the server
	 */
	EmbeddedVaultServer getServer() {
		return this.server;
	}

	/**
	 * Return the {@code vault.*} properties that make vaultkv log in to this server with AppRole.
	 * @return the properties; they hold the secret-id
	 */
	Map<String, Object> getProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("vault.uri", this.server.getAddress().toString());
		properties.put("vault.authentication", "approle");
		properties.put("vault.app-role.role-id", this.roleId);
		properties.put("vault.app-role.secret-id", this.secretId);
		return properties;
	}

	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public String toString() {
		return "DemoVault[address=" + this.server.getAddress() + ", role=" + ROLE + ", secretId=****]";
	}

}
