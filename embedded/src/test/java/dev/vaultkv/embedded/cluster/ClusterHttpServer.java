package dev.vaultkv.embedded.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.vaultkv.embedded.EmbeddedVaultServer;

/**
 * Posts to a single {@link EmbeddedVaultServer} with its root token.
 */
final class ClusterHttpServer {

	private final EmbeddedVaultServer server;

	ClusterHttpServer(EmbeddedVaultServer server) {
		this.server = server;
	}

	ClusterHttp.Reply post(String path, String json) {
		HttpRequest request = HttpRequest.newBuilder(this.server.getAddress().resolve("/v1/" + path))
			.header("X-Vault-Token", this.server.getRootToken())
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			return new ClusterHttp.Reply(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
