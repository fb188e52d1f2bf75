package dev.vaultkv.kv;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.MountNotFoundException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultSealedException;
import dev.vaultkv.client.VaultServerException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.client.WrapInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test {@link VaultClient} that checks each request against a script and answers with real Vault JSON,
 * turning error statuses into the contract exceptions the way real Vault's answers map to them.
 */
public final class ScriptedVaultClient implements VaultClient {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private final Deque<Exchange> script = new ArrayDeque<>();

	private final List<VaultRequest> requests = new ArrayList<>();

	/**
	 * Expect a request next.
	 * @param operation {@code GET}, {@code LIST}, {@code POST}, {@code PATCH}, {@code DELETE}...
	 * @param path the path relative to {@code /v1/}
	 * @return the exchange, to refine and answer
	 */
	public Exchange expect(String operation, String path) {
		Exchange exchange = new Exchange(operation, path);
		this.script.add(exchange);
		return exchange;
	}

	@Override
	public synchronized VaultResponse execute(VaultRequest request) {
		this.requests.add(request);
		Exchange exchange = this.script.poll();
		assertThat(exchange).as("unexpected request %s", request).isNotNull();
		assertThat(request.getOperation() + " " + request.getPath())
			.isEqualTo(exchange.operation + " " + exchange.path);
		assertThat(request.getQuery()).as("query of %s", request).isEqualTo(exchange.query);
		if (exchange.body != null) {
			assertThat(request.getBody()).as("body of %s", request).isNotNull();
			assertThat(MAPPER.valueToTree(request.getBody()).toString()).as("body of %s", request)
				.isEqualTo(MAPPER.readTree(exchange.body).toString());
		}
		else if (exchange.noBody) {
			assertThat(request.getBody()).as("body of %s", request).isNull();
		}
		if (exchange.authentication != null) {
			assertThat(request.getAuthentication()).as("authentication of %s", request)
				.isEqualTo(exchange.authentication);
		}
		if (exchange.failure != null) {
			throw exchange.failure;
		}
		return answer(request, exchange.status, exchange.json);
	}

	/**
	 * Return every request received.
	 * @return the requests
	 */
	public synchronized List<VaultRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Return how many requests went to a path.
	 * @param path the path
	 * @return the count
	 */
	public synchronized long count(String path) {
		return this.requests.stream().filter((request) -> request.getPath().equals(path)).count();
	}

	/**
	 * Assert that every scripted request was received.
	 */
	public synchronized void verify() {
		assertThat(this.script).as("scripted requests never sent").isEmpty();
	}

	private static VaultResponse answer(VaultRequest request, int status, @Nullable String json) {
		if (status == 204 || json == null || json.isBlank()) {
			if (status >= 400) {
				throw error(request, status, MAPPER.createObjectNode());
			}
			return VaultResponse.noContent();
		}
		JsonNode body = MAPPER.readTree(json);
		if (status >= 400) {
			throw error(request, status, body);
		}
		JsonNode data = body.get("data");
		return new VaultResponse(status, text(body, "request_id"), body.path("lease_id").asString(""),
				body.path("renewable").asBoolean(false), body.path("lease_duration").asLong(0),
				(data != null && !data.isNull()) ? data : null, auth(body.get("auth")), wrapInfo(body.get("wrap_info")),
				strings(body.get("warnings")), body);
	}

	private static VaultException error(VaultRequest request, int status, JsonNode body) {
		String operation = request.getOperation();
		String path = request.getPath();
		List<String> errors = strings(body.get("errors"));
		if (status == 400 || status == 405 || status == 415) {
			return new InvalidRequestException(operation, path, status, errors, null);
		}
		if (status == 403) {
			return new PermissionDeniedException(operation, path, status, errors, null);
		}
		if (status == 404) {
			if (errors.stream().anyMatch((error) -> error.contains("no handler for route"))) {
				return new MountNotFoundException(operation, path, status, errors, null);
			}
			JsonNode data = body.get("data");
			return new SecretNotFoundException("Nothing found at this path", operation, path, status, errors,
					(data != null && !data.isNull()) ? data : null, strings(body.get("warnings")), null);
		}
		if (status == 503 && errors.stream().anyMatch((error) -> error.contains("Vault is sealed"))) {
			return new VaultSealedException(operation, path, status, errors, null);
		}
		return new VaultServerException(operation, path, status, errors, null);
	}

	private static @Nullable VaultAuth auth(@Nullable JsonNode auth) {
		if (auth == null || auth.isNull()) {
			return null;
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		auth.path("metadata").properties().forEach((entry) -> metadata.put(entry.getKey(), entry.getValue().asString()));
		return new VaultAuth(VaultToken.of(auth.path("client_token").asString()), auth.path("accessor").asString(""),
				strings(auth.get("policies")), metadata, auth.path("lease_duration").asLong(0),
				auth.path("renewable").asBoolean(false), auth.path("token_type").asString("service"),
				auth.path("orphan").asBoolean(false), text(auth, "entity_id"));
	}

	private static @Nullable WrapInfo wrapInfo(@Nullable JsonNode wrapInfo) {
		if (wrapInfo == null || wrapInfo.isNull()) {
			return null;
		}
		String created = text(wrapInfo, "creation_time");
		return new WrapInfo(VaultToken.of(wrapInfo.path("token").asString()), wrapInfo.path("accessor").asString(""),
				wrapInfo.path("ttl").asLong(0), (created != null) ? Instant.parse(created) : null,
				wrapInfo.path("creation_path").asString(""), text(wrapInfo, "wrapped_accessor"));
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static List<String> strings(@Nullable JsonNode node) {
		if (node == null || !node.isArray()) {
			return List.of();
		}
		List<String> strings = new ArrayList<>();
		node.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

	/**
	 * One scripted request and its answer.
	 */
	public static final class Exchange {

		private final String operation;

		private final String path;

		private final Map<String, String> query = new LinkedHashMap<>();

		private @Nullable String body;

		private boolean noBody;

		private VaultRequest.@Nullable Authentication authentication;

		private int status = 204;

		private @Nullable String json;

		private @Nullable RuntimeException failure;

		private Exchange(String operation, String path) {
			this.operation = operation;
			this.path = path;
		}

		/**
		 * Expect a query parameter.
		 * @param name the name
		 * @param value the value
		 * @return this exchange
		 */
		public Exchange query(String name, String value) {
			this.query.put(name, value);
			return this;
		}

		/**
		 * Expect a JSON body (compared as JSON, in order).
		 * @param json the body
		 * @return this exchange
		 */
		public Exchange body(String json) {
			this.body = json;
			return this;
		}

		/**
		 * Expect no body.
		 * @return this exchange
		 */
		public Exchange noBody() {
			this.noBody = true;
			return this;
		}

		/**
		 * Expect an authentication mode.
		 * @param authentication the mode
		 * @return this exchange
		 */
		public Exchange authentication(VaultRequest.Authentication authentication) {
			this.authentication = authentication;
			return this;
		}

		/**
		 * Answer with a status and a JSON body, as Vault would.
		 * @param status the status
		 * @param json the body
		 */
		public void respond(int status, @Nullable String json) {
			this.status = status;
			this.json = json;
		}

		/**
		 * Answer 200 with a JSON body.
		 * @param json the body
		 */
		public void ok(String json) {
			respond(200, json);
		}

		/**
		 * Answer 204.
		 */
		public void noContent() {
			respond(204, null);
		}

		/**
		 * Fail with an exception, as for a transport failure.
		 * @param failure the exception
		 */
		public void fail(RuntimeException failure) {
			this.failure = failure;
		}

	}

}
