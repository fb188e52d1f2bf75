package dev.vaultkv.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.Versioned;
import org.springframework.web.client.RestClient;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionedSecret;

/**
 * One uncached KV v2 read over loopback HTTP from the embedded server in the same JVM, through
 * {@link KvTemplate} on {@link DefaultVaultClient} (with its default {@code VaultHttpRequestFactory} on
 * Apache HttpComponents 5, straight to it and through a {@link RestClient}, and with Spring's
 * {@link JdkClientHttpRequestFactory}), through Spring
 * Vault's {@link VaultTemplate} (whose default factory picks HttpComponents 5 on this class path), and
 * through a bare JDK {@link HttpClient} reading the body as a String and parsing it with Jackson (the
 * baseline), and through a bare pooled Apache HttpComponents 5 classic {@link CloseableHttpClient}
 * parsing the body stream with Jackson (the fastest bare Java client here). Sampled rather than averaged: on a loaded machine a few reads stall for many
 * milliseconds on the scheduler, and the median is the figure that such stalls do not drag along.
 * Three forks: how the JIT compiles a fork's hot path varies from fork to fork by several percent, more
 * than the differences measured here.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class ColdReadBenchmark {

	private EmbeddedVaultServer server;

	private HttpClient httpClient;

	private HttpRequest httpRequest;

	private JsonMapper jsonMapper;

	private CloseableHttpClient httpComponents;

	private URI secretUri;

	private KvOperations kvTemplate;

	private KvOperations kvTemplateOnJdkFactory;

	private KvOperations kvTemplateThroughRestClient;

	private VaultVersionedKeyValueOperations springVault;

	/**
	 * Start the server and build the clients.
	 * @throws Exception if a client cannot read the secret
	 */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.server = BenchmarkSecrets.startServer();
		URI address = this.server.getAddress();
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.httpRequest = HttpRequest.newBuilder(address.resolve("/v1/secret/data/" + BenchmarkSecrets.PATH))
			.header("X-Vault-Request", "true")
			.header("Accept", "application/json")
			.header("X-Vault-Token", BenchmarkSecrets.ROOT_TOKEN)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		this.jsonMapper = JsonMapper.builder().build();
		this.secretUri = address.resolve("/v1/secret/data/" + BenchmarkSecrets.PATH);
		this.httpComponents = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().build())
			.disableCookieManagement()
			.disableRedirectHandling()
			.build();
		TokenProvider token = TokenProvider.of(VaultToken.of(BenchmarkSecrets.ROOT_TOKEN));
		this.kvTemplate = new KvTemplate(DefaultVaultClient.builder(address).tokenProvider(token).build(),
				BenchmarkSecrets.MOUNT, KvVersion.V2);
		this.kvTemplateThroughRestClient = new KvTemplate(DefaultVaultClient.builder(address)
			.tokenProvider(token)
			.restClientBuilder(RestClient.builder())
			.build(), BenchmarkSecrets.MOUNT, KvVersion.V2);
		HttpClient jdkForSpring = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.kvTemplateOnJdkFactory = new KvTemplate(DefaultVaultClient.builder(address)
			.tokenProvider(token)
			.requestFactory(new JdkClientHttpRequestFactory(jdkForSpring))
			.build(), BenchmarkSecrets.MOUNT, KvVersion.V2);
		VaultTemplate vaultTemplate = new VaultTemplate(VaultEndpoint.from(address),
				new TokenAuthentication(BenchmarkSecrets.ROOT_TOKEN));
		this.springVault = vaultTemplate.opsForVersionedKeyValue(BenchmarkSecrets.MOUNT);
		check(jdkHttpClient(), "bare JDK HttpClient");
		check(httpComponentsClient(), "bare HttpComponents 5 client");
		check(vaultkvKvTemplate(), "KvTemplate");
		check(vaultkvKvTemplateThroughRestClient(), "KvTemplate through a RestClient");
		check(vaultkvKvTemplateOnJdkClientHttpRequestFactory(), "KvTemplate on JdkClientHttpRequestFactory");
		check(springVaultVersionedKv(), "Spring Vault");
	}

	private static void check(Object password, String client) {
		if (!BenchmarkSecrets.data().get("password").equals(password)) {
			throw new IllegalStateException(client + " did not read the benchmark secret");
		}
	}

	/**
	 * Stop the server.
	 */
	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.httpComponents.close();
		this.server.close();
	}

	/**
	 * The baseline: a bare JDK client, the whole body as a String, parsed into a tree.
	 * @return the password
	 * @throws IOException on I/O failure
	 * @throws InterruptedException when interrupted
	 */
	@Benchmark
	public Object jdkHttpClient() throws IOException, InterruptedException {
		HttpResponse<String> response = this.httpClient.send(this.httpRequest, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Status " + response.statusCode());
		}
		JsonNode root = this.jsonMapper.readTree(response.body());
		return root.get("data").get("data").get("password").stringValue();
	}

	/**
	 * The fastest bare baseline: a pooled HttpComponents 5 classic client, one GET with the token header,
	 * the body stream parsed into a tree.
	 * @return the password
	 * @throws IOException on I/O failure
	 */
	@Benchmark
	public Object httpComponentsClient() throws IOException {
		HttpGet get = new HttpGet(this.secretUri);
		get.addHeader("X-Vault-Request", "true");
		get.addHeader("Accept", "application/json");
		get.addHeader("X-Vault-Token", BenchmarkSecrets.ROOT_TOKEN);
		return this.httpComponents.execute(get, (response) -> {
			if (response.getCode() != 200) {
				throw new IllegalStateException("Status " + response.getCode());
			}
			try (InputStream body = response.getEntity().getContent()) {
				JsonNode root = this.jsonMapper.readTree(body);
				return root.get("data").get("data").get("password").stringValue();
			}
		});
	}

	/**
	 * {@link KvTemplate} on {@link DefaultVaultClient} with its default request factory.
	 * @return the password
	 */
	@Benchmark
	public Object vaultkvKvTemplate() {
		VersionedSecret secret = this.kvTemplate.read(BenchmarkSecrets.PATH);
		return secret.data().getString("password");
	}

	/**
	 * {@link KvTemplate} on {@link DefaultVaultClient} given a {@link RestClient.Builder}, as the starter
	 * gives it Spring Boot's: every request goes through the {@link RestClient} (here without
	 * interceptors or an observation registry).
	 * @return the password
	 */
	@Benchmark
	public Object vaultkvKvTemplateThroughRestClient() {
		VersionedSecret secret = this.kvTemplateThroughRestClient.read(BenchmarkSecrets.PATH);
		return secret.data().getString("password");
	}

	/**
	 * {@link KvTemplate} on {@link DefaultVaultClient} over Spring's {@link JdkClientHttpRequestFactory}.
	 * @return the password
	 */
	@Benchmark
	public Object vaultkvKvTemplateOnJdkClientHttpRequestFactory() {
		VersionedSecret secret = this.kvTemplateOnJdkFactory.read(BenchmarkSecrets.PATH);
		return secret.data().getString("password");
	}

	/**
	 * Spring Vault's versioned KV read with its default request factory.
	 * @return the password
	 */
	@Benchmark
	public Object springVaultVersionedKv() {
		Versioned<Map<String, Object>> secret = this.springVault.get(BenchmarkSecrets.PATH);
		return secret.getRequiredData().get("password");
	}

}
