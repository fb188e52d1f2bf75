package dev.vaultkv.embedded.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * A built-in Vault auth method whose login the embedded server cannot perform (it would need Okta, a
 * RADIUS server, a cloud provider or a KDC): the mount exists and its configuration
 * and role-like paths store what is written, so setup scripts and clients that configure the method work;
 * a login answers 400 saying it is not served.
 *
 * @author vaultkv
 */
final class ConfigOnlyAuthBackend extends AuthBackend {

	/** Fields never read back, as Vault does not return credentials it was given. */
	private static final Set<String> SECRET_FIELDS = Set.of("bindpass", "client_secret", "secret_key", "token",
			"api_token", "secret", "credentials", "private_key", "service_account_password", "keytab");

	private static final Pattern LOGIN = Pattern.compile("login(/.*)?");

	private final Layout layout;

	private final Map<String, ObjectNode> singles = new TreeMap<>();

	private final Map<String, Map<String, ObjectNode>> collections = new TreeMap<>();

	ConfigOnlyAuthBackend(MountContext context, Layout layout) {
		super(context);
		this.layout = layout;
	}

	@Override
	public boolean isUnauthenticated(ApiRequest request) {
		return LOGIN.matcher(request.subPath()).matches();
	}

	@Override
	protected ApiResponse route(ApiRequest request, Params params) {
		String subPath = request.subPath();
		if (LOGIN.matcher(subPath).matches()) {
			if (!request.isWrite()) {
				return unsupportedOperation();
			}
			throw AuthRequestException.badRequest("login to the " + this.context.type()
					+ " auth method is not served by the vaultkv embedded dev server (only its configuration is)");
		}
		if (this.layout.configPaths().contains(subPath)) {
			return single(request, params, subPath);
		}
		String trimmed = subPath.endsWith("/") ? subPath.substring(0, subPath.length() - 1) : subPath;
		if (this.layout.collections().contains(trimmed)) {
			Map<String, ObjectNode> entries = this.collections.getOrDefault(trimmed, Map.of());
			return request.isList() ? keys(entries.keySet()) : unsupportedOperation();
		}
		for (String collection : this.layout.collections()) {
			Matcher matcher = match(Pattern.compile(Pattern.quote(collection) + "/" + NAME), subPath);
			if (matcher != null) {
				return entry(request, params, collection, matcher.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return unsupportedPath();
	}

	private ApiResponse single(ApiRequest request, Params params, String path) {
		if (request.isRead()) {
			ObjectNode stored = this.singles.get(path);
			return (stored != null) ? ApiResponse.ok(visible(stored)) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			ObjectNode stored = this.singles.computeIfAbsent(path, (key) -> Json.object());
			stored.setAll(params.copyData());
			return ApiResponse.noContent();
		}
		if (request.isDelete()) {
			this.singles.remove(path);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private ApiResponse entry(ApiRequest request, Params params, String collection, String name) {
		Map<String, ObjectNode> entries = this.collections.computeIfAbsent(collection, (key) -> new TreeMap<>());
		if (request.isRead()) {
			ObjectNode stored = entries.get(name);
			return (stored != null) ? ApiResponse.ok(visible(stored)) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			entries.computeIfAbsent(name, (key) -> Json.object()).setAll(params.copyData());
			return ApiResponse.noContent();
		}
		if (request.isDelete()) {
			entries.remove(name);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private static ObjectNode visible(ObjectNode stored) {
		ObjectNode copy = stored.deepCopy();
		copy.remove(SECRET_FIELDS);
		return copy;
	}

	/**
	 * The paths one method type serves.
	 *
	 * @param configPaths single configuration objects, e.g. {@code config}, {@code config/client}
	 * @param collections named-entry collections, e.g. {@code role}, {@code map/teams}
	 */
	record Layout(Set<String> configPaths, List<String> collections) {

		/** Vault's built-in auth methods whose login needs an outside service, by type. */
		static final Map<String, Layout> BUILT_IN = Map.ofEntries(
				Map.entry("alicloud", new Layout(Set.of(), List.of("role"))),
				Map.entry("cf", new Layout(Set.of("config"), List.of("roles"))),
				Map.entry("kerberos", new Layout(Set.of("config", "config/ldap"), List.of("groups"))),
				Map.entry("oci", new Layout(Set.of("config"), List.of("role"))),
				Map.entry("okta", new Layout(Set.of("config"), List.of("groups", "users"))),
				Map.entry("radius", new Layout(Set.of("config"), List.of("users"))));

	}

}
