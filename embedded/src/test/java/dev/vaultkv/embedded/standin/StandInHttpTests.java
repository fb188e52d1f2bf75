package dev.vaultkv.embedded.standin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-ins served through {@link StandInHttp}, over real HTTP: status, content type, extra headers and
 * empty bodies.
 */
class StandInHttpTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void gitHubApiPagesWithALinkHeader() throws Exception {
		try (GitHubApiStandIn github = GitHubApiStandIn.start()) {
			github.organization("acme", 1).organization("globex", 2).user("octo", "t0ken", "acme", "globex");
			HttpResponse<String> first = get(github.getBaseUrl() + "user/orgs?per_page=1", "Authorization",
					"Bearer t0ken");
			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
			assertThat(first.body()).contains("\"login\":\"acme\"").doesNotContain("globex");
			assertThat(first.headers().firstValue("Link"))
				.hasValue("<" + github.getBaseUrl() + "user/orgs?page=2&per_page=1>; rel=\"next\"");
			HttpResponse<String> last = get(github.getBaseUrl() + "user/orgs?page=2&per_page=1", "Authorization",
					"token t0ken");
			assertThat(last.body()).contains("\"login\":\"globex\"");
			assertThat(last.headers().firstValue("Link")).isEmpty();
			HttpResponse<String> anonymous = get(github.getBaseUrl() + "user", "Accept", "application/json");
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.body()).contains("Requires authentication");
		}
	}

	@Test
	void ec2MetadataAnswersWithPlainTextAndEmptyErrors() throws Exception {
		try (Ec2MetadataStandIn imds = Ec2MetadataStandIn.start()) {
			URI tokenUri = imds.getAddress().resolve("/latest/api/token");
			HttpResponse<String> refused = this.client.send(HttpRequest.newBuilder(tokenUri)
				.PUT(BodyPublishers.noBody())
				.header("X-aws-ec2-metadata-token-ttl-seconds", "0")
				.build(), BodyHandlers.ofString());
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).isEmpty();
			String token = this.client.send(HttpRequest.newBuilder(tokenUri)
				.PUT(BodyPublishers.noBody())
				.header("X-aws-ec2-metadata-token-ttl-seconds", "60")
				.build(), BodyHandlers.ofString()).body();
			String documentUri = imds.getAddress().resolve("/latest/dynamic/instance-identity/document").toString();
			HttpResponse<String> document = get(documentUri, "X-aws-ec2-metadata-token", token);
			assertThat(document.statusCode()).isEqualTo(200);
			assertThat(document.headers().firstValue("Content-Type")).hasValue("text/plain");
			assertThat(document.body()).contains("\"instanceId\"");
			assertThat(get(documentUri, "X-aws-ec2-metadata-token", "wrong").statusCode()).isEqualTo(401);
			assertThat(get(imds.getAddress().resolve("/nothing").toString(), "Accept", "*/*").statusCode())
				.isEqualTo(404);
		}
	}

	private HttpResponse<String> get(String uri, String header, String value)
			throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create(uri)).header(header, value).GET().build(),
				BodyHandlers.ofString());
	}

}
