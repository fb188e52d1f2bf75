package dev.vaultkv.embedded.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LDAP auth method ({@code auth/ldap}): {@code config}, {@code groups/<name>}, {@code users/<name>} and
 * {@code login/<username>}, which searches and binds against a real LDAP directory as Vault does (see
 * {@link LdapDirectory}). Policies are the configured {@code token_policies}, then those of the user's
 * groups (directory groups and the user's local {@code groups}) and the user's own.
 *
 * @author vaultkv
 */
final class LdapBackend extends AuthBackend {

	private static final Pattern LOGIN = Pattern.compile("login/(.+)");

	private static final Pattern GROUP = Pattern.compile("groups/(.+)");

	private static final Pattern USER = Pattern.compile("users/(.+)");

	private final Map<String, List<String>> groups = new TreeMap<>();

	private final Map<String, LocalUser> users = new TreeMap<>();

	private LdapConfig config = new LdapConfig();

	LdapBackend(MountContext context) {
		super(context);
	}

	@Override
	public boolean isUnauthenticated(ApiRequest request) {
		return request.subPath().startsWith("login/");
	}

	@Override
	protected boolean handlesLocking(ApiRequest request) {
		return LOGIN.matcher(request.subPath()).matches();
	}

	@Override
	protected ApiResponse route(ApiRequest request, Params params) {
		String subPath = request.subPath();
		Matcher matcher = match(LOGIN, subPath);
		if (matcher != null) {
			return request.isWrite() ? login(request, params, matcher.group(1)) : unsupportedOperation();
		}
		if (subPath.equals("config")) {
			return configEndpoints(request, params, this.config::toData, this::writeConfig);
		}
		if (subPath.equals("groups") || subPath.equals("groups/")) {
			return request.isList() ? keys(this.groups.keySet()) : unsupportedOperation();
		}
		if (subPath.equals("users") || subPath.equals("users/")) {
			return request.isList() ? keys(this.users.keySet()) : unsupportedOperation();
		}
		matcher = match(GROUP, subPath);
		if (matcher != null) {
			return group(request, params, canonical(matcher.group(1)));
		}
		matcher = match(USER, subPath);
		if (matcher != null) {
			return user(request, params, canonical(matcher.group(1)));
		}
		return unsupportedPath();
	}

	private ApiResponse writeConfig(Params params) {
		LdapConfig updated = this.config.copy();
		updated.parse(params);
		this.config = updated;
		if (!updated.userFilter.contains("{{.UserAttr}}") && !updated.userFilter.contains(updated.userAttr)) {
			return ApiResponse.ok(null)
				.withWarning("userfilter configured does not consider userattr and may result in colliding "
						+ "entity aliases on logins");
		}
		return ApiResponse.noContent();
	}

	private ApiResponse group(ApiRequest request, Params params, String name) {
		if (request.isRead()) {
			List<String> policies = this.groups.get(name);
			if (policies == null) {
				return ApiResponse.notFound();
			}
			ObjectNode data = Json.object();
			data.set("policies", Json.array(policies));
			return ApiResponse.ok(data);
		}
		if (request.isWrite()) {
			this.groups.put(name, policies(params.stringList("policies")));
			return ApiResponse.noContent();
		}
		if (request.isDelete()) {
			this.groups.remove(name);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private ApiResponse user(ApiRequest request, Params params, String name) {
		if (request.isRead()) {
			LocalUser user = this.users.get(name);
			if (user == null) {
				return ApiResponse.notFound();
			}
			ObjectNode data = Json.object();
			data.put("groups", String.join(",", user.groups()));
			data.set("policies", Json.array(user.policies()));
			return ApiResponse.ok(data);
		}
		if (request.isWrite()) {
			List<String> groupNames = params.stringList("groups");
			Stream<String> stream = (groupNames != null) ? groupNames.stream().map(String::trim) : Stream.empty();
			if (!this.config.caseSensitiveNames) {
				stream = stream.map((group) -> group.toLowerCase(Locale.ROOT));
			}
			this.users.put(name, new LocalUser(stream.distinct().toList(), policies(params.stringList("policies"))));
			return ApiResponse.noContent();
		}
		if (request.isDelete()) {
			this.users.remove(name);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private ApiResponse login(ApiRequest request, Params params, String rawUsername) {
		LdapConfig config;
		synchronized (this.monitor) {
			config = this.config.copy();
		}
		String username = rawUsername.trim();
		if (!config.caseSensitiveNames) {
			username = username.toLowerCase(Locale.ROOT);
		}
		String password = params.string("password", "");
		if (config.denyNullBind && password.isEmpty()) {
			throw AuthRequestException
				.badRequest("password cannot be of zero length when passwordless binds are being denied");
		}
		String unsupported = config.unsupported();
		if (unsupported != null) {
			throw AuthRequestException.badRequest("LDAP login with " + unsupported
					+ " is not supported by the vaultkv embedded dev server");
		}
		LdapDirectory.Result result;
		try {
			result = LdapDirectory.login(config, username, password);
		}
		catch (LdapDirectory.Failure ex) {
			throw AuthRequestException.badRequest(ex.getMessage());
		}
		TokenFields fields = config.token.copy();
		synchronized (this.monitor) {
			fields.policies = Stream.concat(fields.policies.stream(), mappedPolicies(config, username, result).stream())
				.distinct()
				.toList();
		}
		ApiResponse response = login(request, fields, Map.of("username", username), username);
		if (result.groups().isEmpty() && !response.isError()) {
			response = response.withWarning("no LDAP groups found in groupDN '" + config.groupDn
					+ "'; only policies from locally-defined groups available");
		}
		return response;
	}

	/**
	 * The policies of the user's groups (local ones first, then the directory's) and the user's own,
	 * lower-cased, without duplicates and sorted, as Vault's {@code strutil.RemoveDuplicates}.
	 */
	private List<String> mappedPolicies(LdapConfig config, String username, LdapDirectory.Result result) {
		LocalUser user = this.users.get(username);
		List<String> allGroups = new ArrayList<>();
		if (user != null) {
			allGroups.addAll(user.groups());
		}
		allGroups.addAll(result.groups());
		TreeSet<String> policies = new TreeSet<>();
		for (String group : allGroups) {
			List<String> groupPolicies = this.groups
				.get(config.caseSensitiveNames ? group : group.toLowerCase(Locale.ROOT));
			if (groupPolicies != null) {
				groupPolicies.forEach((policy) -> policies.add(policy.toLowerCase(Locale.ROOT)));
			}
		}
		if (user != null) {
			user.policies().forEach((policy) -> policies.add(policy.toLowerCase(Locale.ROOT)));
		}
		return List.copyOf(policies);
	}

	private String canonical(String name) {
		return this.config.caseSensitiveNames ? name : name.toLowerCase(Locale.ROOT);
	}

	private static List<String> policies(@Nullable List<String> values) {
		if (values == null) {
			return List.of();
		}
		return values.stream().map((policy) -> policy.trim().toLowerCase(Locale.ROOT))
			.filter((policy) -> !policy.isEmpty())
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * A user entry of the mount: local groups and policies.
	 */
	private record LocalUser(List<String> groups, List<String> policies) {
	}

}
