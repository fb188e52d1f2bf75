package dev.vaultkv.embedded.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls Vault's GitHub auth method makes to the GitHub REST API at {@code base_url}, with the token as a
 * bearer token. Failures carry the text Vault reports for them ({@code GET <url>: 401 Bad credentials []}),
 * which never contains the token.
 *
 * @author vaultkv
 */
final class GitHubApi {

	/** The API Vault calls when {@code base_url} is not set. */
	static final String DEFAULT_BASE_URL = "https://api.github.com/";

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private final String baseUrl;

	private final @Nullable String token;

	GitHubApi(String baseUrl, @Nullable String token) {
		this.baseUrl = baseUrl.isEmpty() ? DEFAULT_BASE_URL : (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
		this.token = (token != null && !token.isEmpty()) ? token : null;
	}

	/**
	 * {@code GET <base_url><path>}.
	 * @param path the path relative to the base URL, such as {@code user}
	 * @return the JSON body
	 * @throws Failure with go-github's error text
	 */
	JsonNode get(String path) {
		return call(this.baseUrl + path).body();
	}

	/**
	 * A list endpoint, 100 per page, following the {@code Link} header's {@code next} pages.
	 * @param path the path relative to the base URL, such as {@code user/orgs}
	 * @return the elements of every page
	 * @throws Failure with go-github's error text
	 */
	List<JsonNode> list(String path) {
		List<JsonNode> elements = new ArrayList<>();
		@Nullable String url = this.baseUrl + path + "?per_page=100";
		while (url != null) {
			Page page = call(url);
			page.body().forEach(elements::add);
			url = page.next();
		}
		return elements;
	}

	private Page call(String url) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/vnd.github.v3+json")
			.header("User-Agent", "vaultkv-embedded")
			.GET();
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		HttpResponse<String> response;
		try {
			response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new Failure("Get \"" + url + "\": " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure("Get \"" + url + "\": interrupted");
		}
		JsonNode body = parse(response.body());
		if (response.statusCode() < 200 || response.statusCode() > 299) {
			String message = (body != null && body.path("message").isString()) ? body.path("message").stringValue()
					: "";
			throw new Failure("GET " + url + ": " + response.statusCode() + " " + message + " []");
		}
		if (body == null) {
			throw new Failure("GET " + url + ": invalid JSON in the response");
		}
		String next = null;
		for (String link : response.headers().allValues("Link")) {
			Matcher matcher = NEXT.matcher(link);
			if (matcher.find()) {
				next = matcher.group(1);
			}
		}
		return new Page(body, next);
	}

	private static @Nullable JsonNode parse(String body) {
		try {
			return body.isBlank() ? null : MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private record Page(JsonNode body, @Nullable String next) {
	}

	/**
	 * A failed call, with the text Vault reports.
	 */
	static final class Failure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Failure(String message) {
			super(message, null, false, false);
		}

	}

}
