package dev.vaultkv.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.vaultkv.embedded.EmbeddedVaultServer;

/**
 * The secret every benchmark reads and the embedded server that serves it.
 *
 * @since 0.1.0
 */
final class BenchmarkSecrets {

	static final String ROOT_TOKEN = "bench-root-token";

	static final String MOUNT = "secret";

	static final String PATH = "bench/app";

	private BenchmarkSecrets() {
	}

	/**
	 * A realistic application secret: a few connection settings and credentials.
	 * @return the secret's data
	 */
	static Map<String, Object> data() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("username", "app-service");
		data.put("password", "Zr8x!kq2Vb7pLw3Nf6Ht");
		data.put("url", "jdbc:postgresql://db.internal.example.com:5432/orders");
		data.put("api-key", "ak_live_5f2d8c1e9b7a4630a1d2e3f4");
		return data;
	}

	/**
	 * Start an embedded server on a free loopback port with the benchmark secret.
	 * @return the running server
	 */
	static EmbeddedVaultServer startServer() {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		return EmbeddedVaultServer.builder()
			.port(0)
			.rootToken(ROOT_TOKEN)
			.secret(MOUNT + "/" + PATH, data())
			.start();
	}

}
