package dev.vaultkv.client;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObservedUriTemplate}.
 */
class ObservedUriTemplateTests {

	private static final URI ENDPOINT = URI.create("https://vault.example.com:8200");

	@Test
	void requestsCarryTheSameAttributesAsWithTheTemplate() {
		RestClient restClient = RestClient.builder().defaultRequest((request) -> request.attribute("app", "x")).build();
		ObservedUriTemplate template = ObservedUriTemplate.find(restClient, "/v1/{path}", ENDPOINT);
		assertThat(template.isPrecomputed()).isTrue();
		URI uri = URI.create("https://vault.example.com:8200/v1/secret/data/app");
		Map<String, Object> precomputed = new HashMap<>();
		template.uri(restClient.method(HttpMethod.GET), uri).attributes(precomputed::putAll);
		Map<String, Object> expanded = new HashMap<>();
		restClient.method(HttpMethod.GET).uri("/v1/{path}", (builder) -> uri).attributes(expanded::putAll);
		assertThat(precomputed).isEqualTo(expanded).containsEntry("app", "x").containsValue("/v1/{path}");
	}

	@Test
	void aBaseUrlIsPartOfTheTemplateAsRestClientReportsIt() {
		RestClient restClient = RestClient.builder().baseUrl("https://gateway.example.com/vault").build();
		ObservedUriTemplate template = ObservedUriTemplate.find(restClient, "/v1/{path}", ENDPOINT);
		Map<String, Object> precomputed = new HashMap<>();
		template.uri(restClient.method(HttpMethod.GET), ENDPOINT.resolve("/v1/a")).attributes(precomputed::putAll);
		Map<String, Object> expanded = new HashMap<>();
		restClient.method(HttpMethod.GET)
			.uri("/v1/{path}", (builder) -> ENDPOINT.resolve("/v1/a"))
			.attributes(expanded::putAll);
		assertThat(precomputed).isEqualTo(expanded);
	}

}
