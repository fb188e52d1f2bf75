package dev.vaultkv.embedded.database;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * {@code config/<name>}, {@code reset/<name>} and {@code rotate-root/<name>}, as Vault's
 * {@code path_config_connection.go} and {@code path_rotate_credentials.go} serve them.
 *
 * @author vaultkv
 */
final class ConnectionEndpoints {

	/** Parameters of the endpoint itself; everything else is kept as connection details. */
	private static final Set<String> OWN_PARAMETERS = Set.of("name", "plugin_name", "plugin_version", "allowed_roles",
			"verify_connection", "root_rotation_statements", "password_policy");

	private static final String PASSWORD_IN_URL = "Password found in connection_url, use a templated url to enable "
			+ "root rotation and prevent read access to password information.";

	private final DatabaseState state;

	ConnectionEndpoints(DatabaseState state) {
		this.state = state;
	}

	ApiResponse config(ApiRequest request, String name) {
		if (request.isRead()) {
			ConnectionConfig config = this.state.findConfig(name);
			return (config != null) ? ApiResponse.ok(config.toData()) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			return write(request, name);
		}
		if (request.isDelete()) {
			this.state.removeConfig(name);
			return ApiResponse.noContent();
		}
		return DatabaseBackend.unsupportedOperation();
	}

	ApiResponse list(ApiRequest request) {
		return request.isList() ? DatabaseBackend.keys(this.state.configNames())
				: DatabaseBackend.unsupportedOperation();
	}

	private ApiResponse write(ApiRequest request, String name) {
		Fields fields = new Fields(request.data());
		boolean verify = fields.bool("verify_connection", true);
		ConnectionConfig existing = this.state.findConfig(name);
		String pluginName = fields.string("plugin_name", (existing != null) ? existing.pluginName() : "");
		if (pluginName.isEmpty()) {
			throw DatabaseRequestException.badRequest("empty plugin name");
		}
		String pluginVersion = fields.string("plugin_version", "");
		DatabasePlugin plugin = pluginVersion.isEmpty() ? Plugins.create(pluginName) : null;
		if (plugin == null) {
			String missing = "plugin not found in the catalog: " + pluginName
					+ (pluginVersion.isEmpty() ? "" : ", version=" + pluginVersion);
			throw DatabaseRequestException.badRequest("error creating database object: invalid database version: "
					+ "2 errors occurred:\n\t* " + missing + "\n\t* " + missing + "\n\n");
		}
		List<String> allowedRoles = fields.commaSlice("allowed_roles");
		List<String> rootRotation = fields.stringSlice("root_rotation_statements");
		String passwordPolicy = fields.string("password_policy");
		ObjectNode details = (existing != null) ? existing.connectionDetails() : Json.object();
		for (Map.Entry<String, JsonNode> entry : request.data().properties()) {
			if (!OWN_PARAMETERS.contains(entry.getKey())) {
				details.set(entry.getKey(), entry.getValue());
			}
		}
		ConnectionConfig config = new ConnectionConfig(pluginName, details,
				(allowedRoles != null) ? allowedRoles : (existing != null) ? existing.allowedRoles() : List.of(),
				(rootRotation != null) ? rootRotation
						: (existing != null) ? existing.rootRotationStatements() : List.of(),
				(passwordPolicy != null) ? passwordPolicy : (existing != null) ? existing.passwordPolicy() : "",
				verify);
		try {
			plugin.initialize(details);
			if (verify) {
				plugin.verify();
			}
		}
		catch (DatabaseException ex) {
			plugin.close();
			throw DatabaseRequestException.badRequest("error creating database object: " + ex.getMessage());
		}
		this.state.putConfig(name, config, plugin);
		JsonNode url = details.get("connection_url");
		if (url != null && url.isString() && ConnectionConfig.urlPassword(url.asString()) != null) {
			return ApiResponse.ok(null).withWarning(PASSWORD_IN_URL);
		}
		return ApiResponse.noContent();
	}

	/**
	 * Close the running plugin and start a new one.
	 */
	ApiResponse reset(ApiRequest request, String name) {
		if (!request.isWrite()) {
			return DatabaseBackend.unsupportedOperation();
		}
		this.state.config(name);
		this.state.clearPlugin(name);
		this.state.plugin(name);
		return ApiResponse.noContent();
	}

	/**
	 * Give the configured user a new password with the root rotation statements (or the plugin's rotation
	 * default); only the engine knows it afterwards.
	 */
	ApiResponse rotateRoot(ApiRequest request, String name) {
		if (!request.isWrite()) {
			return DatabaseBackend.unsupportedOperation();
		}
		ConnectionConfig config = this.state.config(name);
		Fields details = new Fields(config.connectionDetails());
		String username = details.string("username", "");
		if (username.isEmpty()) {
			throw new DatabaseException("unable to rotate root credentials: no username in configuration");
		}
		if (details.string("password", "").isEmpty()) {
			throw new DatabaseException("unable to rotate root credentials: no password in configuration");
		}
		DatabasePlugin plugin = this.state.plugin(name);
		try {
			String password = CredentialTypes.password(Map.of(), config.passwordPolicy());
			try {
				plugin.changePassword(username, password, config.rootRotationStatements());
			}
			catch (DatabaseException ex) {
				throw new DatabaseException("failed to update user: " + ex.getMessage());
			}
			this.state.putConfig(name, config.withPassword(password), null);
		}
		finally {
			// Vault closes the instance whatever happened; the next use reconnects
			this.state.clearPlugin(name);
		}
		return ApiResponse.noContent();
	}

}
