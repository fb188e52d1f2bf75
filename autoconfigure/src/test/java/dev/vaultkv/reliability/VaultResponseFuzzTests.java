package dev.vaultkv.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.MalformedResponseException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretLoader;
import dev.vaultkv.secret.SecretLocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Seeded random broken replies from a loopback stub server (truncated JSON, wrong types, missing fields,
 * corrupted bytes, odd statuses, huge and slow bodies) read through {@link KvTemplate} on
 * {@link DefaultVaultClient}: each read either returns exactly the data the reply carried or fails with
 * a {@link VaultException} (never a raw Jackson exception, a {@code NullPointerException} or another
 * type), and a cached secret is never replaced by anything but what a reply carried.
 */
@Timeout(120)
class VaultResponseFuzzTests {

	private static final long SEED = 0xFA22L;

	private static final int CASES = 1_500;

	private static final String PATH = "app/config";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String VALID = """
			{"request_id":"0d1c0e5e-1111-2222-3333-444455556666","lease_id":"","renewable":false,"lease_duration":0,
			"data":{"data":{"password":"good-value","user":"app","port":5432,"tags":["a","b"]},
			"metadata":{"created_time":"2026-01-01T00:00:00.123456Z","custom_metadata":{"owner":"team"},
			"deletion_time":"","destroyed":false,"version":3}},"wrap_info":null,"warnings":null,"auth":null}""";

	private final AtomicReference<Reply> reply = new AtomicReference<>();

	private final CountDownLatch releaseStalled = new CountDownLatch(1);

	private final AtomicLong nanos = new AtomicLong();

	private HttpServer server;

	private ExecutorService executor;

	private URI address;

	@BeforeEach
	void start() throws IOException {
		this.executor = Executors.newCachedThreadPool();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
		this.address = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@AfterEach
	void stop() {
		this.releaseStalled.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void randomBrokenRepliesGiveTheirDataOrAVaultException() {
		KvOperations kv = kv(client(null, Duration.ofSeconds(10)));
		CachingSecretStore store = new CachingSecretStore(SecretLoader.of((mount) -> kv),
				new SecretCacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), 10, Duration.ofMinutes(5)),
				this.nanos::get, Runnable::run);
		SecretLocation location = new SecretLocation("secret", PATH, 0);
		Random random = new Random(SEED);
		SecretData good = SecretData.of(JSON.readTree(VALID).get("data").get("data"));
		for (int i = 0; i < CASES; i++) {
			Reply broken = randomReply(random);
			this.reply.set(broken);
			checkRead(kv, broken);
			// A cached value is replaced only by what a reply carried.
			store.invalidate(location);
			this.reply.set(Reply.json(200, VALID));
			assertThat(store.read(location).data()).isEqualTo(good);
			this.nanos.addAndGet(Duration.ofSeconds(31).toNanos());
			this.reply.set(broken);
			try {
				VersionedSecret secret = store.read(location);
				if (secret != null && !secret.data().equals(good)) {
					assertThat(secret.data()).isEqualTo(servedData(broken));
				}
			}
			catch (VaultException ex) {
				assertThat(store.getStaleLocations()).doesNotContain(location);
			}
			catch (RuntimeException ex) {
				throw new AssertionError("Store read of " + broken + " threw " + ex.getClass().getName(), ex);
			}
		}
	}

	@Test
	void tenMegabyteBodiesFailWithAVaultException() {
		byte[] huge = new byte[10 * 1024 * 1024];
		Arrays.fill(huge, (byte) 'x');
		// A generous timeout: only the size limit may end these reads.
		KvOperations limited = kv(client(DataSize.ofMegabytes(1), Duration.ofSeconds(20)));
		this.reply.set(new Reply(200, "application/json", huge, false));
		assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> limited.read(PATH))
			.withMessageContaining("limit");
		String bigValue = "{\"data\":{\"data\":{\"blob\":\"" + "y".repeat(10 * 1024 * 1024) + "\"},\"metadata\":{\"version\":1}}}";
		this.reply.set(Reply.json(200, bigValue));
		assertThatExceptionOfType(MalformedResponseException.class).isThrownBy(() -> limited.read(PATH))
			.withMessageContaining("limit");
		KvOperations unlimited = kv(client(null, Duration.ofSeconds(20)));
		this.reply.set(new Reply(200, "application/json", huge, false));
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> unlimited.read(PATH));
		String truncated = bigValue.substring(0, bigValue.length() - 10);
		this.reply.set(Reply.json(200, truncated));
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> unlimited.read(PATH));
	}

	@Test
	void slowRepliesFailWithAConnectionException() {
		KvOperations kv = kv(client(null));
		this.reply.set(new Reply(200, "application/json", VALID.getBytes(StandardCharsets.UTF_8), true));
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> kv.read(PATH))
			.satisfies((ex) -> assertThat(ex.isTransient()).isTrue());
		this.reply.set(new Reply(200, "application/json", new byte[0], true));
		assertThatExceptionOfType(VaultConnectionException.class).isThrownBy(() -> kv.read(PATH));
	}

	static void checkRead(KvOperations kv, Reply reply) {
		VersionedSecret secret;
		try {
			secret = kv.read(PATH);
		}
		catch (VaultException ex) {
			assertThat(ex.getMessage()).isNotBlank().doesNotContain("good-value");
			return;
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Read of " + reply + " threw " + ex.getClass().getName(), ex);
		}
		if (secret != null) {
			assertThat(reply.status()).as("status of %s", reply).isBetween(200, 299);
			assertThat(secret.data()).as("data read from %s", reply).isEqualTo(servedData(reply));
		}
	}

	private static @Nullable SecretData servedData(Reply reply) {
		try {
			JsonNode data = JSON.readTree(reply.body()).path("data").path("data");
			return data.isObject() ? SecretData.of(data) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private DefaultVaultClient client(@Nullable DataSize maxResponseSize) {
		return client(maxResponseSize, Duration.ofMillis(500));
	}

	private DefaultVaultClient client(@Nullable DataSize maxResponseSize, Duration readTimeout) {
		DefaultVaultClient.Builder builder = DefaultVaultClient.builder(this.address)
			.tokenProvider(TokenProvider.of(VaultToken.of("fuzz-token")))
			.readTimeout(readTimeout);
		if (maxResponseSize != null) {
			builder.maxResponseSize(maxResponseSize);
		}
		return builder.build();
	}

	private static KvOperations kv(DefaultVaultClient client) {
		return new KvTemplate(client, "secret", KvVersion.V2);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			Reply current = this.reply.get();
			if (current.contentType() != null) {
				exchange.getResponseHeaders().set("Content-Type", current.contentType());
			}
			boolean noBody = current.status() == 204 || current.status() == 304 || current.body().length == 0;
			if (current.stall()) {
				exchange.sendResponseHeaders(current.status(), 0);
				OutputStream out = exchange.getResponseBody();
				out.write(current.body(), 0, current.body().length / 2);
				out.flush();
				this.releaseStalled.await(60, TimeUnit.SECONDS);
				return;
			}
			exchange.sendResponseHeaders(current.status(), noBody ? -1 : current.body().length);
			if (!noBody) {
				exchange.getResponseBody().write(current.body());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Reply randomReply(Random random) {
		int[] statuses = { 200, 200, 200, 200, 201, 204, 301, 307, 400, 401, 403, 404, 405, 409, 412, 429, 500, 502, 503,
				599 };
		int status = statuses[random.nextInt(statuses.length)];
		String body = switch (random.nextInt(6)) {
			case 0 -> truncate(random, VALID);
			case 1 -> JSON.writeValueAsString(replaceRandomNode(random, (ObjectNode) JSON.readTree(VALID)));
			case 2 -> JSON.writeValueAsString(removeRandomField(random, (ObjectNode) JSON.readTree(VALID)));
			case 3 -> corrupt(random, VALID);
			case 4 -> errorBody(random);
			default -> List.of("", "null", "[]", "42", "\"text\"", "<html><body>Bad gateway</body></html>", "{}",
					"{\"data\":null}", "{\"data\":{\"data\":null}}", "{\"data\":{\"data\":{}}}", "\uFEFF" + VALID,
					VALID + "garbage", VALID + VALID)
				.get(random.nextInt(13));
		};
		String[] contentTypes = { "application/json", "application/json", "text/html", "text/plain", null };
		return new Reply(status, contentTypes[random.nextInt(contentTypes.length)],
				body.getBytes(StandardCharsets.UTF_8), false);
	}

	private static String truncate(Random random, String json) {
		return json.substring(0, random.nextInt(json.length()));
	}

	private static String corrupt(Random random, String json) {
		char[] chars = json.toCharArray();
		char[] replacements = { '{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\uFFFF', 'x', '9', ' ' };
		for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
			chars[random.nextInt(chars.length)] = replacements[random.nextInt(replacements.length)];
		}
		return new String(chars);
	}

	private static String errorBody(Random random) {
		return List.of("{\"errors\":[\"permission denied\"]}", "{\"errors\":\"permission denied\"}",
				"{\"errors\":[1,null,{}]}", "{\"errors\":null}", "{\"errors\":[]}", "{\"errors\":[\"" + "e".repeat(5000) + "\"]}",
				"{\"data\":{\"error\":\"check-and-set parameter did not match the current version\"}}")
			.get(random.nextInt(7));
	}

	private static ObjectNode replaceRandomNode(Random random, ObjectNode root) {
		List<ContainerNode<?>> parents = new ArrayList<>();
		List<Object> keys = new ArrayList<>();
		collect(root, parents, keys);
		int index = random.nextInt(parents.size());
		JsonNode replacement = randomValue(random);
		if (parents.get(index) instanceof ObjectNode object) {
			object.set((String) keys.get(index), replacement);
		}
		else {
			((ArrayNode) parents.get(index)).set((Integer) keys.get(index), replacement);
		}
		return root;
	}

	private static ObjectNode removeRandomField(Random random, ObjectNode root) {
		List<ContainerNode<?>> parents = new ArrayList<>();
		List<Object> keys = new ArrayList<>();
		collect(root, parents, keys);
		int index = random.nextInt(parents.size());
		if (parents.get(index) instanceof ObjectNode object) {
			object.remove((String) keys.get(index));
		}
		else {
			((ArrayNode) parents.get(index)).remove((int) (Integer) keys.get(index));
		}
		return root;
	}

	private static void collect(JsonNode node, List<ContainerNode<?>> parents, List<Object> keys) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				parents.add(object);
				keys.add(property.getKey());
				collect(property.getValue(), parents, keys);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				parents.add(array);
				keys.add(i);
				collect(array.get(i), parents, keys);
			}
		}
	}

	private static JsonNode randomValue(Random random) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return switch (random.nextInt(11)) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.numberNode(random.nextInt());
			case 2 -> nodes.numberNode(-1L);
			case 3 -> nodes.numberNode(new java.math.BigDecimal("1e400"));
			case 4 -> nodes.stringNode("");
			case 5 -> nodes.stringNode("not-a-" + random.nextInt(100));
			case 6 -> nodes.booleanNode(random.nextBoolean());
			case 7 -> nodes.arrayNode();
			case 8 -> nodes.arrayNode().add(1).add("a").addNull();
			case 9 -> nodes.objectNode();
			default -> nodes.objectNode().set("nested", nodes.objectNode().put("deep", random.nextDouble()));
		};
	}

	/**
	 * One scripted reply.
	 */
	record Reply(int status, @Nullable String contentType, byte[] body, boolean stall) {

		static Reply json(int status, String body) {
			return new Reply(status, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
		}

		@Override
		public String toString() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			return "Reply[" + this.status + ", " + this.contentType + ", "
					+ ((text.length() > 300) ? text.substring(0, 300) + "..." : text) + "]";
		}

	}

}
