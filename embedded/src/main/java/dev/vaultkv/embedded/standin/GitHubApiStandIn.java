package dev.vaultkv.embedded.standin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import dev.vaultkv.embedded.standin.StandInHttp.Reply;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the part of the GitHub REST API that Vault's GitHub auth method calls, on 127.0.0.1: the
 * organization lookup ({@code GET /orgs/<org>}), the token's user ({@code GET /user}), the user's
 * organizations ({@code GET /user/orgs}) and teams ({@code GET /user/teams}). Tests register organizations,
 * users with their personal access tokens, and teams, then set the auth mount's {@code base_url} to
 * {@link #getBaseUrl()}. A missing token is answered with 401 {@code Requires authentication}, an unknown one
 * with 401 {@code Bad credentials}, an unknown organization with 404 {@code Not Found}, as GitHub does.
 * <pre class="code">
 * try (GitHubApiStandIn github = GitHubApiStandIn.start()) {
 *     github.organization("acme", 4242)
 *         .user("alice", "ghp_alice", "acme")
 *         .team("acme", "Platform Team", "platform-team", "alice");
 *     // vault write auth/github/config organization=acme base_url=github.getBaseUrl()
 * }
 * </pre>
 * Thread-safe; answers pages of up to 100 elements with a {@code Link} header to the next page.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class GitHubApiStandIn implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final StandInHttp http;

	private final Map<String, Organization> organizations = new LinkedHashMap<>();

	private final Map<String, User> usersByToken = new LinkedHashMap<>();

	private final List<Team> teams = new ArrayList<>();

	private final AtomicInteger nextId = new AtomicInteger(1000);

	private GitHubApiStandIn() {
		this.http = new StandInHttp("GitHub API", this::handle);
	}

	/**
	 * Start a stand-in on a free port of 127.0.0.1.
	 * @return the running stand-in; close it when done
	 */
	public static GitHubApiStandIn start() {
		return new GitHubApiStandIn();
	}

	/**
	 * Return the API's base URL, the value for the auth mount's {@code base_url}, ending with {@code /}.
	 * @return the base URL, such as {@code http://127.0.0.1:53121/}
	 */
	public String getBaseUrl() {
		return this.http.address() + "/";
	}

	/**
	 * Register an organization.
	 * @param login the organization's login name, such as {@code acme}
	 * @param id its numeric ID (Vault's {@code organization_id})
	 * @return this stand-in
	 */
	public GitHubApiStandIn organization(String login, long id) {
		Objects.requireNonNull(login, "'login' must not be null");
		synchronized (this) {
			this.organizations.put(login.toLowerCase(Locale.ROOT), new Organization(login, id));
		}
		return this;
	}

	/**
	 * Register a user, the personal access token that authenticates as the user, and the organizations the
	 * user belongs to (registered before).
	 * @param login the user's login name
	 * @param token the personal access token
	 * @param organizations the logins of the user's organizations
	 * @return this stand-in
	 */
	public GitHubApiStandIn user(String login, String token, String... organizations) {
		Objects.requireNonNull(login, "'login' must not be null");
		Objects.requireNonNull(token, "'token' must not be null");
		synchronized (this) {
			List<Organization> memberships = new ArrayList<>();
			for (String organization : organizations) {
				memberships.add(organization(organization));
			}
			this.usersByToken.put(token, new User(login, this.nextId.incrementAndGet(), List.copyOf(memberships)));
		}
		return this;
	}

	/**
	 * Register a team of an organization and its members.
	 * @param organization the organization's login (registered before)
	 * @param name the team's name, such as {@code Platform Team}
	 * @param slug the team's slug, such as {@code platform-team}
	 * @param members the logins of its members
	 * @return this stand-in
	 */
	public GitHubApiStandIn team(String organization, String name, String slug, String... members) {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(slug, "'slug' must not be null");
		synchronized (this) {
			this.teams.add(new Team(organization(organization), name, slug, this.nextId.incrementAndGet(),
					Set.copyOf(List.of(members))));
		}
		return this;
	}

	private Organization organization(String login) {
		Organization organization = this.organizations.get(login.toLowerCase(Locale.ROOT));
		if (organization == null) {
			throw new IllegalArgumentException("Unknown organization '" + login + "': register it first");
		}
		return organization;
	}

	/**
	 * Stop the stand-in.
	 */
	@Override
	public void close() {
		this.http.close();
	}

	private Reply handle(HttpExchange exchange) {
		String path = StandInHttp.decodedPath(exchange);
		if (!exchange.getRequestMethod().equals("GET")) {
			return json(404, message("Not Found"));
		}
		if (path.startsWith("/orgs/")) {
			Organization organization;
			synchronized (this) {
				organization = this.organizations.get(path.substring(6).toLowerCase(Locale.ROOT));
			}
			return (organization != null) ? json(200, organization.toJson()) : json(404, message("Not Found"));
		}
		String token = token(StandInHttp.header(exchange, "Authorization"));
		User user;
		List<Team> userTeams = new ArrayList<>();
		synchronized (this) {
			user = (token != null) ? this.usersByToken.get(token) : null;
			if (user != null) {
				for (Team team : this.teams) {
					if (team.members().contains(user.login())) {
						userTeams.add(team);
					}
				}
			}
		}
		if (user == null) {
			return json(401, message((token != null) ? "Bad credentials" : "Requires authentication"));
		}
		return switch (path) {
			case "/user" -> json(200, user.toJson());
			case "/user/orgs" -> page(exchange, user.organizations().stream().map(Organization::toJson).toList());
			case "/user/teams" -> page(exchange, userTeams.stream().map(Team::toJson).toList());
			default -> json(404, message("Not Found"));
		};
	}

	private Reply page(HttpExchange exchange, List<ObjectNode> elements) {
		Map<String, String> query = StandInHttp.query(exchange);
		int perPage = Math.max(1, Math.min(100, parse(query.get("per_page"), 30)));
		int page = Math.max(1, parse(query.get("page"), 1));
		int from = Math.min(elements.size(), (page - 1) * perPage);
		int to = Math.min(elements.size(), from + perPage);
		ArrayNode body = NODES.arrayNode();
		elements.subList(from, to).forEach(body::add);
		Reply reply = json(200, body);
		if (to < elements.size()) {
			return reply.withHeader("Link", "<" + getBaseUrl() + exchange.getRequestURI().getPath().substring(1)
					+ "?page=" + (page + 1) + "&per_page=" + perPage + ">; rel=\"next\"");
		}
		return reply;
	}

	private static int parse(@Nullable String value, int defaultValue) {
		try {
			return (value != null) ? Integer.parseInt(value) : defaultValue;
		}
		catch (NumberFormatException ex) {
			return defaultValue;
		}
	}

	private static @Nullable String token(@Nullable String authorization) {
		if (authorization == null) {
			return null;
		}
		int space = authorization.indexOf(' ');
		String scheme = (space > 0) ? authorization.substring(0, space).toLowerCase(Locale.ROOT) : "";
		return (scheme.equals("bearer") || scheme.equals("token")) ? authorization.substring(space + 1).trim() : null;
	}

	private static ObjectNode message(String message) {
		ObjectNode body = NODES.objectNode();
		body.put("message", message);
		body.put("documentation_url", "https://docs.github.com/rest");
		return body;
	}

	private static Reply json(int status, JsonNode body) {
		return new Reply(status, "application/json; charset=utf-8", MAPPER.writeValueAsString(body));
	}

	@Override
	public String toString() {
		return "GitHubApiStandIn[" + getBaseUrl() + "]";
	}

	private record Organization(String login, long id) {

		ObjectNode toJson() {
			ObjectNode json = NODES.objectNode();
			json.put("login", this.login);
			json.put("id", this.id);
			json.put("type", "Organization");
			return json;
		}

	}

	private record User(String login, long id, List<Organization> organizations) {

		ObjectNode toJson() {
			ObjectNode json = NODES.objectNode();
			json.put("login", this.login);
			json.put("id", this.id);
			json.put("type", "User");
			return json;
		}

		@Override
		public String toString() {
			return "User[" + this.login + "]";
		}

	}

	private record Team(Organization organization, String name, String slug, long id, Set<String> members) {

		ObjectNode toJson() {
			ObjectNode json = NODES.objectNode();
			json.put("id", this.id);
			json.put("name", this.name);
			json.put("slug", this.slug);
			json.set("organization", this.organization.toJson());
			return json;
		}

	}

}
