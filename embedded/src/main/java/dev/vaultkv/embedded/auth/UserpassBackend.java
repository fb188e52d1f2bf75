package dev.vaultkv.embedded.auth;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The userpass auth method ({@code auth/userpass}): users, passwords and login. User names are
 * case-insensitive and stored lower-cased.
 *
 * @author vaultkv
 */
final class UserpassBackend extends AuthBackend {

	private static final Pattern USER = Pattern.compile("users/" + NAME);

	private static final Pattern PASSWORD = Pattern.compile("users/" + NAME + "/password");

	private static final Pattern LOGIN = Pattern.compile("login/" + NAME);

	private final Map<String, User> users = new TreeMap<>();

	UserpassBackend(MountContext context) {
		super(context);
	}

	@Override
	public boolean isUnauthenticated(ApiRequest request) {
		return request.subPath().startsWith("login/");
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		Matcher matcher = match(USER, request.subPath());
		if (matcher == null) {
			return null;
		}
		synchronized (this.monitor) {
			return this.users.containsKey(matcher.group(1).toLowerCase(Locale.ROOT));
		}
	}

	@Override
	protected ApiResponse route(ApiRequest request, Params params) {
		String subPath = request.subPath();
		if (subPath.equals("users") || subPath.equals("users/")) {
			return request.isList() ? keys(page(request), this.users.keySet()) : unsupportedOperation();
		}
		Matcher matcher = match(LOGIN, subPath);
		if (matcher != null) {
			return request.isWrite() ? login(request, params, matcher.group(1).toLowerCase(Locale.ROOT))
					: unsupportedOperation();
		}
		matcher = match(PASSWORD, subPath);
		if (matcher != null) {
			return request.isWrite() ? updatePassword(matcher.group(1).toLowerCase(Locale.ROOT), params)
					: unsupportedOperation();
		}
		matcher = match(USER, subPath);
		if (matcher == null) {
			return unsupportedPath();
		}
		String username = matcher.group(1).toLowerCase(Locale.ROOT);
		if (request.isRead()) {
			User user = this.users.get(username);
			return (user != null) ? ApiResponse.ok(user.toData()) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			return writeUser(username, params);
		}
		if (request.isDelete()) {
			this.users.remove(username);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private ApiResponse writeUser(String username, Params params) {
		User existing = this.users.get(username);
		User user = new User();
		if (existing != null) {
			user.password = existing.password;
			user.token = existing.token.copy();
		}
		user.token.parse(params);
		String password = params.string("password");
		if (params.has("password_hash")) {
			throw AuthRequestException.badRequest("password_hash is not supported by the embedded server; use password");
		}
		if (password != null && !password.isEmpty()) {
			user.password = PasswordHash.of(password);
		}
		if (user.password == null) {
			throw AuthRequestException.badRequest("must provide either password or password_hash");
		}
		this.users.put(username, user);
		return stored(user.token);
	}

	private ApiResponse updatePassword(String username, Params params) {
		User user = this.users.get(username);
		if (user == null) {
			return ApiResponse.error(500, "username does not exist");
		}
		String password = params.string("password", "");
		if (password.isEmpty()) {
			throw AuthRequestException.badRequest("must provide either password or password_hash");
		}
		user.password = PasswordHash.of(password);
		return ApiResponse.noContent();
	}

	private ApiResponse login(ApiRequest request, Params params, String username) {
		String password = params.string("password", "");
		if (password.isEmpty()) {
			// Vault reports this as a plain (500) error.
			return ApiResponse.error(500, "missing password");
		}
		User user = this.users.get(username);
		if (user == null || user.password == null || !user.password.matches(password)) {
			throw AuthRequestException.badRequest("invalid username or password");
		}
		return login(request, user.token, Map.of("username", username), username);
	}

	/**
	 * A userpass user. Mutable; guarded by the backend monitor.
	 */
	private static final class User {

		@Nullable PasswordHash password;

		TokenFields token = new TokenFields();

		ObjectNode toData() {
			ObjectNode data = Json.object();
			this.token.populate(data);
			if (!this.token.policies.isEmpty()) {
				data.set("policies", Json.array(this.token.policies));
			}
			return data;
		}

	}

}
