package dev.vaultkv.embedded.database;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connection configuration ({@code config/<name>}), as Vault's {@code DatabaseConfig} stores it.
 *
 * @param pluginName the plugin, e.g. {@code postgresql-database-plugin}
 * @param connectionDetails every other parameter written ({@code connection_url}, {@code username},
 * {@code password}, ...)
 * @param allowedRoles the roles that may use it ({@code *} for all, globs allowed)
 * @param rootRotationStatements the statements rotating the configured user's password
 * @param passwordPolicy the named password policy, or {@code ""}
 * @param verifyConnection whether the last write verified the connection
 * @author vaultkv
 */
record ConnectionConfig(String pluginName, ObjectNode connectionDetails, List<String> allowedRoles,
		List<String> rootRotationStatements, String passwordPolicy, boolean verifyConnection) {

	ConnectionConfig {
		connectionDetails = connectionDetails.deepCopy();
		allowedRoles = List.copyOf(allowedRoles);
		rootRotationStatements = List.copyOf(rootRotationStatements);
	}

	/**
	 * Vault's check: {@code *} or a glob matching the role name.
	 */
	boolean allows(String role) {
		return this.allowedRoles.contains("*") || this.allowedRoles.stream().anyMatch((glob) -> matches(glob, role));
	}

	/**
	 * {@code go-glob}: {@code *} matches any run of characters.
	 */
	static boolean matches(String pattern, String subject) {
		if (pattern.equals("*")) {
			return true;
		}
		String[] parts = pattern.split("\\*", -1);
		if (parts.length == 1) {
			return pattern.equals(subject);
		}
		if (!subject.startsWith(parts[0])) {
			return false;
		}
		int position = parts[0].length();
		for (int i = 1; i < parts.length - 1; i++) {
			int found = subject.indexOf(parts[i], position);
			if (found < 0) {
				return false;
			}
			position = found + parts[i].length();
		}
		String last = parts[parts.length - 1];
		return subject.length() - position >= last.length() && subject.endsWith(last);
	}

	ConnectionConfig withPassword(String password) {
		ObjectNode details = this.connectionDetails.deepCopy();
		details.put("password", password);
		return new ConnectionConfig(this.pluginName, details, this.allowedRoles, this.rootRotationStatements,
				this.passwordPolicy, this.verifyConnection);
	}

	/**
	 * The read answer: no password or private key, a password in {@code connection_url} redacted.
	 */
	ObjectNode toData() {
		ObjectNode data = Json.object();
		data.set("allowed_roles", Json.strings(this.allowedRoles));
		Map<String, JsonNode> details = new TreeMap<>();
		for (Map.Entry<String, JsonNode> entry : this.connectionDetails.properties()) {
			if (!entry.getKey().equals("password") && !entry.getKey().equals("private_key")) {
				details.put(entry.getKey(), entry.getValue());
			}
		}
		JsonNode url = details.get("connection_url");
		if (url != null && url.isString()) {
			details.put("connection_url", JsonNodeFactory.instance.stringNode(redacted(url.asString())));
		}
		ObjectNode detailsNode = data.putObject("connection_details");
		details.forEach(detailsNode::set);
		data.put("password_policy", this.passwordPolicy);
		data.put("plugin_name", this.pluginName);
		data.put("plugin_version", "");
		data.set("root_credentials_rotate_statements", Json.strings(this.rootRotationStatements));
		data.put("verify_connection", this.verifyConnection);
		return data;
	}

	/**
	 * Go's {@code url.Redacted()}: a URL's password becomes {@code xxxxx}; templated or unparsable URLs stay.
	 */
	static String redacted(String url) {
		String password = urlPassword(url);
		if (password == null) {
			return url;
		}
		int scheme = url.indexOf("://") + 3;
		int at = url.lastIndexOf('@', authorityEnd(url, scheme) - 1);
		int colon = url.indexOf(':', scheme);
		return url.substring(0, colon + 1) + "xxxxx" + url.substring(at);
	}

	/**
	 * The password in a URL's user information, or {@code null} if there is none or the URL is templated.
	 */
	static @Nullable String urlPassword(String url) {
		int scheme = url.indexOf("://");
		if (scheme <= 0 || !url.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
			return null;
		}
		int start = scheme + 3;
		int end = authorityEnd(url, start);
		int at = url.lastIndexOf('@', end - 1);
		if (at < start) {
			return null;
		}
		String userInfo = url.substring(start, at);
		int colon = userInfo.indexOf(':');
		// braces are not valid in user information: Go cannot parse templated URLs and leaves them alone
		if (colon < 0 || userInfo.contains("{") || userInfo.contains("}")) {
			return null;
		}
		return userInfo.substring(colon + 1);
	}

	private static int authorityEnd(String url, int start) {
		int end = url.length();
		for (char c : new char[] { '/', '?', '#' }) {
			int index = url.indexOf(c, start);
			if (index >= 0 && index < end) {
				end = index;
			}
		}
		return end;
	}

}
