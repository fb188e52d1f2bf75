package dev.vaultkv.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.MountNotFoundException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultServerException;
import org.jspecify.annotations.Nullable;

/**
 * Sends login requests without a token and turns Vault's refusals into an
 * {@link AuthenticationException} that names the method, mount and role but no credential.
 */
final class LoginRequests {

	private LoginRequests() {
	}

	/**
	 * Return a login body to add to, holding the role if there is one.
	 * @param role the role, or {@code null} to let the auth method pick it
	 * @return a mutable body
	 */
	static Map<String, Object> body(@Nullable String role) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (role != null) {
			body.put("role", role);
		}
		return body;
	}

	/**
	 * Log in.
	 * @param client the client
	 * @param method the display name of the method ({@code AppRole})
	 * @param mount the mount path of the auth method
	 * @param role the role to name in messages, or {@code null}
	 * @param namespace the namespace to log in at, or {@code null} for the client's
	 * @param path the login path relative to {@code /v1/}
	 * @param body the login body
	 * @return the issued auth block
	 */
	static VaultAuth login(VaultClient client, String method, String mount, @Nullable String role,
			@Nullable String namespace, String path, Map<String, ?> body) {
		return login(client, method, mount, role, namespace, path, body, null);
	}

	/**
	 * Log in, adding a hint to the message of a refusal with status 400.
	 * @param client the client
	 * @param method the display name of the method ({@code AppRole})
	 * @param mount the mount path of the auth method
	 * @param role the role to name in messages, or {@code null}
	 * @param namespace the namespace to log in at, or {@code null} for the client's
	 * @param path the login path relative to {@code /v1/}
	 * @param body the login body
	 * @param hint what to check when Vault refused the credentials, or {@code null}
	 * @return the issued auth block
	 */
	static VaultAuth login(VaultClient client, String method, String mount, @Nullable String role,
			@Nullable String namespace, String path, Map<String, ?> body, @Nullable String hint) {
		return send(client, loginRequest(path, namespace, body).build(), method, mount, role, namespace, hint);
	}

	private static VaultRequest.Builder loginRequest(String path, @Nullable String namespace, Map<String, ?> body) {
		return VaultRequest.post(path).unauthenticated().namespace(namespace).body(body);
	}

	private static VaultAuth send(VaultClient client, VaultRequest request, String method, String mount,
			@Nullable String role, @Nullable String namespace, @Nullable String hint) {
		try {
			return client.execute(request).requireAuth();
		}
		catch (InvalidRequestException | PermissionDeniedException | SecretNotFoundException
				| MountNotFoundException ex) {
			throw refused(ex, method, mount, role, namespace, hint);
		}
	}

	/**
	 * Log in at {@code auth/<mount>/login} with the mount and namespace of a login method's options.
	 * @param client the client
	 * @param method the display name of the method ({@code AppRole})
	 * @param options the options naming the mount and the namespace
	 * @param role the role to name in messages, or {@code null}
	 * @param body the login body
	 * @param hint what to check when Vault refused the credentials, or {@code null}
	 * @return the issued auth block
	 */
	static VaultAuth login(VaultClient client, String method, LoginOptions options, @Nullable String role,
			Map<String, ?> body, @Nullable String hint) {
		return login(client, method, options.getPath(), role, options.getNamespace(),
				"auth/" + options.getPath() + "/login", body, hint);
	}

	/**
	 * Log in at {@code auth/<mount>/login/<username>} with the password read from its source.
	 * @param client the client
	 * @param method the display name of the method ({@code LDAP}), also naming the password in messages
	 * @param options the options naming the username, the password source, the mount and the namespace
	 * @param hint what to check when Vault refused the credentials
	 * @return the issued auth block
	 */
	static VaultAuth passwordLogin(VaultClient client, String method, UsernamePasswordOptions options,
			String hint) {
		String password = options.getPassword().obtain(method + " password");
		return login(client, method, options.getPath(), null, options.getNamespace(),
				"auth/" + options.getPath() + "/login/" + options.getUsername(), Map.of("password", password), hint);
	}

	/**
	 * Log in at {@code auth/<mount>/login} with a plugin that reports its refusals as plain errors, which
	 * Vault answers with status 500: such a 500 becomes an {@link AuthenticationException} with the hint,
	 * any other 500 stays a server failure.
	 * @param client the client
	 * @param method the display name of the method ({@code Azure})
	 * @param options the options naming the mount and the namespace
	 * @param role the role to name in messages, or {@code null}
	 * @param body the login body
	 * @param hint what to check when Vault refused the credentials
	 * @param refusal whether a 500 reports the plugin's refusal rather than Vault failing
	 * @return the issued auth block
	 */
	static VaultAuth loginRefusingWith500(VaultClient client, String method, LoginOptions options,
			@Nullable String role, Map<String, ?> body, String hint, Predicate<VaultServerException> refusal) {
		// a refusal answered with 500 is the plugin's verdict, so retrying clients must not ask again
		VaultRequest request = loginRequest("auth/" + options.getPath() + "/login", options.getNamespace(), body)
			.refusedWithServerError()
			.build();
		try {
			return send(client, request, method, options.getPath(), role, options.getNamespace(), hint);
		}
		catch (VaultServerException ex) {
			if (ex.getStatus() != 500 || !refusal.test(ex)) {
				throw ex;
			}
			throw new AuthenticationException("Vault refused the " + method + " login"
					+ describe(options.getPath(), role, options.getNamespace()) + "; " + hint, ex.getOperation(),
					ex.getPath(), ex.getStatus(), ex.getErrors(), ex);
		}
	}

	static AuthenticationException refused(VaultException ex, String method, String mount, @Nullable String role,
			@Nullable String namespace, @Nullable String hint) {
		StringBuilder summary = new StringBuilder("Vault refused the ").append(method).append(" login")
			.append(describe(mount, role, namespace));
		if (ex instanceof MountNotFoundException) {
			summary.append("; no auth method is enabled at 'auth/").append(mount)
				.append("/' (check the mount path and the namespace)");
		}
		else if (hint != null && ex.getStatus() == 400) {
			summary.append("; ").append(hint);
		}
		return new AuthenticationException(summary.toString(), ex.getOperation(), ex.getPath(), ex.getStatus(),
				ex.getErrors(), ex);
	}

	static String describe(String mount, @Nullable String role, @Nullable String namespace) {
		StringBuilder description = new StringBuilder(" at mount '").append(mount).append('\'');
		if (role != null) {
			description.append(" for role '").append(role).append('\'');
		}
		if (namespace != null) {
			description.append(" in namespace '").append(namespace.isEmpty() ? "(root)" : namespace).append('\'');
		}
		return description.toString();
	}

	static String mount(@Nullable String path, String defaultPath) {
		if (path == null) {
			return defaultPath;
		}
		String mount = path.strip();
		while (mount.startsWith("/")) {
			mount = mount.substring(1);
		}
		while (mount.endsWith("/")) {
			mount = mount.substring(0, mount.length() - 1);
		}
		if (mount.startsWith("auth/")) {
			mount = mount.substring("auth/".length());
		}
		if (mount.isEmpty()) {
			throw new IllegalArgumentException("'path' must name the auth mount, such as '" + defaultPath + "'");
		}
		return mount;
	}

}
