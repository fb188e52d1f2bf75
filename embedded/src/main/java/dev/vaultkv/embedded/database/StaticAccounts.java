package dev.vaultkv.embedded.database;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * The passwords of static roles (Vault's {@code rotation.go}): set when a role is created, rotated when
 * {@code rotation_period} has passed on the server clock or on {@code rotate-role/<name>}, tried again 10
 * seconds later after a failure. Rotations run one at a time.
 *
 * @author vaultkv
 */
final class StaticAccounts {

	private static final System.Logger logger = System.getLogger(StaticAccounts.class.getName());

	private static final long RETRY_SECONDS = 10;

	private final DatabaseState state;

	private final Object lock = new Object();

	StaticAccounts(DatabaseState state) {
		this.state = state;
	}

	/**
	 * Vault's {@code setStaticAccount}: give the account a new password.
	 * @throws DatabaseException with Vault's error text if it could not be set
	 */
	void rotate(String name, StaticRole role, Instant now) {
		synchronized (this.lock) {
			ConnectionConfig config = this.state.config(role.dbName);
			if (!config.allows(name)) {
				throw new DatabaseException("\"" + name + "\" is not an allowed role");
			}
			if (!CredentialTypes.PASSWORD.equals(role.credentialType)) {
				throw new DatabaseException("unsupported credential_type: \"" + role.credentialType + "\"");
			}
			DatabasePlugin plugin = this.state.plugin(role.dbName);
			String password = CredentialTypes.password(role.credentialConfig, config.passwordPolicy());
			try {
				plugin.changePassword(role.username, password, role.rotationStatements);
			}
			catch (DatabaseException ex) {
				throw new DatabaseException("error setting credentials: " + ex.getMessage());
			}
			role.password = password;
			role.lastVaultRotation = now;
			role.retryAt = null;
		}
	}

	void update(StaticRole role, String dbName, @Nullable Long period, List<String> rotationStatements,
			String credentialType, Map<String, String> credentialConfig) {
		synchronized (this.lock) {
			role.dbName = dbName;
			if (period != null) {
				role.rotationPeriod = period;
			}
			role.rotationStatements = List.copyOf(rotationStatements);
			role.credentialType = credentialType;
			role.credentialConfig = Map.copyOf(credentialConfig);
		}
	}

	ObjectNode read(StaticRole role) {
		synchronized (this.lock) {
			return role.toData();
		}
	}

	/**
	 * The {@code static-creds/<name>} data.
	 */
	ObjectNode credentials(StaticRole role, Instant now) {
		synchronized (this.lock) {
			ObjectNode data = Json.object();
			data.put("last_vault_rotation",
					Json.time((role.lastVaultRotation != null) ? role.lastVaultRotation : Instant.parse("0001-01-01T00:00:00Z")));
			data.put("password", (role.password != null) ? role.password : "");
			data.put("rotation_period", role.rotationPeriod);
			data.put("ttl", role.credentialTtl(now));
			data.put("username", role.username);
			return data;
		}
	}

	ApiResponse rotateRole(ApiRequest request, String name) {
		if (!request.isWrite()) {
			return DatabaseBackend.unsupportedOperation();
		}
		StaticRole role = this.state.staticRole(name);
		if (role == null) {
			throw DatabaseRequestException.badRequest("no static role found for role name");
		}
		try {
			rotate(name, role, request.now());
		}
		catch (DatabaseException ex) {
			retryLater(role, request.now());
			throw new DatabaseException("unable to finish rotating credentials; retries will continue in the "
					+ "background but it is also safe to retry manually: " + ex.getMessage());
		}
		return ApiResponse.noContent();
	}

	/**
	 * Rotate every static role whose time has come (Vault's queue compares Unix seconds).
	 */
	void rotateDue(Instant now) {
		for (String name : this.state.staticRoleNames()) {
			StaticRole role = this.state.staticRole(name);
			if (role == null || !isDue(role, now)) {
				continue;
			}
			try {
				rotate(name, role, now);
			}
			catch (DatabaseException ex) {
				retryLater(role, now);
				logger.log(System.Logger.Level.WARNING,
						"Unable to rotate the credentials of static role " + name + ": " + ex.getMessage());
			}
		}
	}

	private boolean isDue(StaticRole role, Instant now) {
		synchronized (this.lock) {
			return now.getEpochSecond() >= role.nextRotation().getEpochSecond();
		}
	}

	private void retryLater(StaticRole role, Instant now) {
		synchronized (this.lock) {
			role.retryAt = now.plusSeconds(RETRY_SECONDS);
		}
	}

}
