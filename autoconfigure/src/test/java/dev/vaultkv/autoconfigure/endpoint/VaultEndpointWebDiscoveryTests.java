package dev.vaultkv.autoconfigure.endpoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code vault} endpoint as Actuator's web endpoint discovery sees it (no servlet container here), with its JSON as the
 * endpoint's own mapper writes it.
 */
class VaultEndpointWebDiscoveryTests {

	private static EmbeddedVaultServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				JacksonEndpointAutoConfiguration.class, VaultAutoConfiguration.class,
				VaultSecretAutoConfiguration.class, VaultEndpointAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.start();
		server.putSecret("secret/shop/db", Map.of("password", "discovery-s3cret-value"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private ApplicationContextRunner exposed() {
		return this.contextRunner.withPropertyValues("vault.uri=" + server.getAddress(),
				"vault.token=" + server.getRootToken(), "management.endpoints.web.exposure.include=vault");
	}

	@Test
	void readOnlyByDefaultAndItsJsonHasNoValueNorToken() {
		exposed().run((context) -> {
			context.getBean(SecretStore.class).read(new SecretLocation("secret", "shop/db", 0));
			ExposableWebEndpoint endpoint = vaultEndpoint(context);
			assertThat(endpoint.getOperations()).extracting(WebOperation::getType)
				.containsExactly(OperationType.READ);
			Object body = endpoint.getOperations()
				.iterator()
				.next()
				.invoke(new InvocationContext(SecurityContext.NONE, Map.of()));
			String json = context.getBean(EndpointJsonMapper.class).get().writeValueAsString(body);
			assertThat(json).contains("\"path\":\"shop/db\"", "\"keys\":[\"password\"]", "\"authMethod\":\"token\"")
				.doesNotContain("discovery-s3cret-value")
				.doesNotContain(server.getRootToken());
		});
	}

	@Test
	void refreshOperationWhenEnabled() {
		exposed().withPropertyValues("vault.endpoint.refresh-enabled=true").run((context) -> {
			context.getBean(SecretStore.class).read(new SecretLocation("secret", "shop/db", 0));
			ExposableWebEndpoint endpoint = vaultEndpoint(context);
			assertThat(endpoint.getOperations()).extracting(WebOperation::getType)
				.containsExactlyInAnyOrder(OperationType.READ, OperationType.WRITE);
			WebOperation write = endpoint.getOperations()
				.stream()
				.filter((operation) -> operation.getType() == OperationType.WRITE)
				.findFirst()
				.orElseThrow();
			Map<String, Object> arguments = new HashMap<>();
			arguments.put("path", "shop/db");
			Object body = write.invoke(new InvocationContext(SecurityContext.NONE, arguments));
			String json = context.getBean(EndpointJsonMapper.class).get().writeValueAsString(body);
			assertThat(json).contains("\"path\":\"shop/db\"", "\"present\":true")
				.doesNotContain("discovery-s3cret-value");
		});
	}

	private static ExposableWebEndpoint vaultEndpoint(ApplicationContext context) {
		WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(context,
				new ConversionServiceParameterValueMapper(), new EndpointMediaTypes("application/json"), List.of(),
				List.of(), List.of(), List.of(), List.of());
		List<ExposableWebEndpoint> endpoints = discoverer.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().toString().equals("vault"))
			.toList();
		assertThat(endpoints).hasSize(1);
		return endpoints.get(0);
	}

}
