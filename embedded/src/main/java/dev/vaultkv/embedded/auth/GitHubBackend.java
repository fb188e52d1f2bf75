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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitHub auth method ({@code auth/github}): {@code config}, {@code map/teams/<team>},
 * {@code map/users/<user>} and {@code login}, which asks the GitHub API at {@code base_url} (GitHub's own
 * unless set; see {@code GitHubApiStandIn} for tests) who the token belongs to, whether the user is in the
 * configured organization and which of its teams the user is in, as Vault's plugin does. Policies are the
 * configured {@code token_policies}, then those mapped to the {@code default} key, the user's teams (name and
 * slug) and the user.
 *
 * @author vaultkv
 */
final class GitHubBackend extends AuthBackend {

	/** The environment variable whose token Vault uses to look up the organization's ID at config time. */
	static final String CONFIG_TOKEN_VARIABLE = "VAULT_AUTH_CONFIG_GITHUB_TOKEN";

	private static final Pattern MAP_ENTRY = Pattern.compile("map/(teams|users)/([-\\w]+)");

	private static final Pattern MAP_LIST = Pattern.compile("map/(teams|users)/?");

	private final Map<String, Map<String, ObjectNode>> maps = Map.of("teams", new TreeMap<>(), "users",
			new TreeMap<>());

	private @Nullable Config config;

	GitHubBackend(MountContext context) {
		super(context);
	}

	@Override
	protected boolean handlesLocking(ApiRequest request) {
		// login and config writes call GitHub, which must not hold the monitor
		return request.isWrite() && (request.subPath().equals("login") || request.subPath().equals("config"));
	}

	@Override
	protected ApiResponse route(ApiRequest request, Params params) {
		String subPath = request.subPath();
		if (subPath.equals("login")) {
			return request.isWrite() ? login(request, params) : unsupportedOperation();
		}
		if (subPath.equals("config")) {
			return configEndpoints(request, params, () -> {
				Config config = this.config;
				return (config != null) ? config.toData() : null;
			}, this::writeConfig);
		}
		Matcher matcher = match(MAP_LIST, subPath);
		if (matcher != null) {
			return (request.isList() || request.isRead()) ? keys(this.maps.get(matcher.group(1)).keySet())
					: unsupportedOperation();
		}
		matcher = match(MAP_ENTRY, subPath);
		if (matcher != null) {
			return mapEntry(request, params, this.maps.get(matcher.group(1)), matcher.group(2));
		}
		return unsupportedPath();
	}

	private ApiResponse mapEntry(ApiRequest request, Params params, Map<String, ObjectNode> map, String key) {
		String name = key.toLowerCase(Locale.ROOT);
		if (request.isRead()) {
			ObjectNode entry = map.get(name);
			return (entry != null) ? ApiResponse.ok(entry.deepCopy()) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			ObjectNode entry = params.copyData();
			entry.put("key", key);
			map.put(name, entry);
			return ApiResponse.noContent();
		}
		if (request.isDelete()) {
			map.remove(name);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private ApiResponse writeConfig(Params params) {
		Config config;
		synchronized (this.monitor) {
			config = (this.config != null) ? this.config.copy() : new Config();
		}
		String organization = params.string("organization");
		if (organization != null) {
			config.organization = organization;
		}
		if (config.organization.isEmpty()) {
			throw AuthRequestException.badRequest("organization is a required parameter");
		}
		JsonNode organizationId = params.node("organization_id");
		if (organizationId != null) {
			config.organizationId = organizationId(organizationId);
		}
		String baseUrl = params.string("base_url");
		if (baseUrl != null) {
			config.baseUrl = (baseUrl.isEmpty() || baseUrl.endsWith("/")) ? baseUrl : baseUrl + "/";
		}
		config.token.parse(params);
		if (config.organizationId == 0) {
			try {
				config.organizationId = lookUpOrganizationId(config, System.getenv(CONFIG_TOKEN_VARIABLE));
			}
			catch (GitHubApi.Failure ex) {
				return ApiResponse.error(500,
						"unable to fetch the organization_id, you must manually set it in the config: "
								+ ex.getMessage());
			}
		}
		synchronized (this.monitor) {
			this.config = config;
		}
		return ApiResponse.noContent();
	}

	private static long organizationId(JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		try {
			return Long.parseLong(node.asString().trim());
		}
		catch (NumberFormatException ex) {
			throw AuthRequestException.badRequest("error converting input " + node.asString()
					+ " for field \"organization_id\": expected an integer");
		}
	}

	private static long lookUpOrganizationId(Config config, @Nullable String token) {
		JsonNode organization = new GitHubApi(config.baseUrl, token).get("orgs/" + config.organization);
		long id = organization.path("id").asLong(0);
		if (id == 0) {
			throw new GitHubApi.Failure("organization_id not found for " + config.organization);
		}
		return id;
	}

	private ApiResponse login(ApiRequest request, Params params) {
		Config config;
		synchronized (this.monitor) {
			config = (this.config != null) ? this.config.copy() : null;
		}
		if (config == null) {
			return ApiResponse.error(500, "configuration has not been set");
		}
		String token = params.string("token", "");
		GitHubApi api = new GitHubApi(config.baseUrl, token);
		Verified verified;
		try {
			if (config.organizationId == 0) {
				// Vault trusts the organization's ID on first use and stores it
				config.organizationId = lookUpOrganizationId(config, token);
				synchronized (this.monitor) {
					if (this.config != null && this.config.organizationId == 0) {
						this.config.organizationId = config.organizationId;
					}
				}
			}
			verified = verify(api, config);
		}
		catch (GitHubApi.Failure ex) {
			return ApiResponse.error(500, ex.getMessage());
		}
		TokenFields fields = config.token.copy();
		synchronized (this.monitor) {
			List<String> mapped = new ArrayList<>(policies(this.maps.get("teams"), verified.teams()));
			mapped.addAll(policies(this.maps.get("users"), List.of(verified.user())));
			fields.policies = Stream.concat(fields.policies.stream(), mapped.stream()).distinct().toList();
		}
		ApiResponse response = login(request, fields,
				Map.of("username", verified.user(), "org", verified.organization()), verified.user());
		if (!verified.organization().equals(config.organization) && !response.isError()) {
			response = response.withWarning("the organization name has changed to \"" + verified.organization()
					+ "\". It is recommended to verify and update the organization name in the config: "
					+ "organization_id=" + config.organizationId);
		}
		return response;
	}

	private static Verified verify(GitHubApi api, Config config) {
		String user = api.get("user").path("login").asString("");
		JsonNode organization = null;
		for (JsonNode candidate : api.list("user/orgs")) {
			if (candidate.path("id").asLong(0) == config.organizationId) {
				organization = candidate;
				break;
			}
		}
		if (organization == null) {
			throw new GitHubApi.Failure("user is not part of required org");
		}
		List<String> teams = new ArrayList<>();
		for (JsonNode team : api.list("user/teams")) {
			if (team.path("organization").path("id").asLong(0) != config.organizationId) {
				continue;
			}
			String name = team.path("name").asString("");
			String slug = team.path("slug").asString("");
			teams.add(name);
			if (!name.equals(slug)) {
				teams.add(slug);
			}
		}
		return new Verified(user, organization.path("login").asString(""), teams);
	}

	/**
	 * The policies a map gives to the {@code default} key and the names, as Vault's {@code PolicyMap}: the
	 * comma-separated {@code value}s, trimmed, without duplicates and sorted.
	 */
	private static List<String> policies(Map<String, ObjectNode> map, List<String> names) {
		TreeSet<String> policies = new TreeSet<>();
		for (String name : Stream.concat(Stream.of("default"), names.stream()).toList()) {
			ObjectNode entry = map.get(name.toLowerCase(Locale.ROOT));
			JsonNode value = (entry != null) ? entry.get("value") : null;
			if (value != null && value.isString()) {
				for (String policy : value.stringValue().split(",")) {
					if (!policy.isBlank()) {
						policies.add(policy.trim());
					}
				}
			}
		}
		return List.copyOf(policies);
	}

	private record Verified(String user, String organization, List<String> teams) {
	}

	/**
	 * The mount's configuration. Mutable; guarded by the backend monitor.
	 */
	private static final class Config {

		String organization = "";

		long organizationId;

		String baseUrl = "";

		TokenFields token = new TokenFields();

		Config copy() {
			Config copy = new Config();
			copy.organization = this.organization;
			copy.organizationId = this.organizationId;
			copy.baseUrl = this.baseUrl;
			copy.token = this.token.copy();
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("organization_id", this.organizationId);
			data.put("organization", this.organization);
			data.put("base_url", this.baseUrl);
			this.token.populate(data);
			return data;
		}

	}

}
