package dev.vaultkv.samples.approle;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.autoconfigure.VaultClientFactory;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample as {@code spring-boot:run} does (embedded server set up for AppRole, token TTL 20s, max
 * TTL 60s) and follows its token through renewals to a new login, without waiting for real time: the
 * session manager runs on the embedded server's (frozen) clock and on a scheduler the test drives.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApproleRenewalApplicationTests {

	private static final Map<String, String> LOGINS = Map.of("method", "approle", "outcome", "success");

	private static final Map<String, String> RENEWALS = Map.of("outcome", "success");

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedVaultServer server;

	@Autowired
	private ManualRenewalScheduler scheduler;

	@Autowired
	private SessionManager sessionManager;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private Environment environment;

	@Test
	void tokenIsRenewedThenReplacedByLoginAtItsMaxTtl(CapturedOutput output) {
		assertThat(this.environment.getProperty("vault.authentication")).isEqualTo("approle");
		assertThat(count("vault.token.logins", LOGINS)).isEqualTo(1);
		assertThat(count("vault.token.renewals", RENEWALS)).isZero();
		TokenState first = this.sessionManager.getTokenState();
		assertThat(first).isNotNull();
		assertThat(Duration.between(first.obtainedAt(), first.expiresAt())).isEqualTo(DemoVault.TOKEN_TTL);
		// Renewal is due at 2/3 of the TTL, less up to 10% jitter.
		assertThat(this.scheduler.nextDelay()).isBetween(Duration.ofSeconds(12), Duration.ofMillis(13_334));

		this.scheduler.runNext();
		assertThat(count("vault.token.renewals", RENEWALS)).isEqualTo(1);
		assertThat(count("vault.token.logins", LOGINS)).isEqualTo(1);
		assertThat(this.sessionManager.getTokenState().obtainedAt()).isEqualTo(first.obtainedAt());
		assertThat(this.server.requestLog().count("POST", "auth/token/renew-self")).isEqualTo(1);

		for (int i = 0; i < 10 && count("vault.token.logins", LOGINS) < 2; i++) {
			this.scheduler.runNext();
		}
		// 60s of max TTL renewed every 12-13.3s: the renewal that Vault caps below the re-login threshold
		// (half the 20s TTL) is followed by a login.
		assertThat(count("vault.token.logins", LOGINS)).isEqualTo(2);
		assertThat(count("vault.token.renewals", RENEWALS)).isBetween(4.0, 5.0);
		assertThat(count("vault.token.renewals", Map.of("outcome", "failure"))).isZero();
		assertThat(this.server.requestLog().count("POST", "auth/approle/login")).isEqualTo(2);
		TokenState second = this.sessionManager.getTokenState();
		assertThat(second.obtainedAt()).isAfter(first.obtainedAt().plus(Duration.ofSeconds(45)));
		assertThat(second.accessor()).isNotEqualTo(first.accessor());

		// Past the first token's max TTL it is gone from the server; reads go out with the new one.
		this.scheduler.runNext();
		assertThat(this.server.clock().instant()).isAfter(first.obtainedAt().plus(DemoVault.TOKEN_MAX_TTL));
		assertThat(lookUpAccessor(first.accessor())).isFalse();
		assertThat(lookUpAccessor(second.accessor())).isTrue();
		int reads = this.server.requestLog().count("GET", "secret/data/" + DemoVault.SECRET_PATH);
		Map<String, Object> refreshed = client().post()
			.uri("/actuator/vault")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of())
			.retrieve()
			.body(JSON_MAP);
		assertThat(refreshed.get("refreshed")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("path", DemoVault.SECRET_PATH)
			.containsEntry("present", true)
			.containsEntry("stale", false);
		assertThat(this.server.requestLog().count("GET", "secret/data/" + DemoVault.SECRET_PATH)).isEqualTo(reads + 1);
		assertMaskedSecret(client().get().uri("/").retrieve().body(JSON_MAP));
		assertVaultUp(client().get().uri("/actuator/health/vault").retrieve().body(JSON_MAP));

		Map<String, Object> renewals = client().get()
			.uri("/actuator/metrics/vault.token.renewals?tag=outcome:success")
			.retrieve()
			.body(JSON_MAP);
		assertThat(renewals.get("measurements")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("value", count("vault.token.renewals", RENEWALS));
		assertThat(output).contains("Scheduled renewal of the Vault token in")
			.contains("Renewed the Vault token: TTL 20s")
			// the renewal Vault caps at the max TTL either leaves less than the threshold (a login at once) or
			// more (a login at a random point of what is left, so that replicas do not log in together)
			.containsAnyOf("max TTL reached", "Renewed the Vault token up to its max TTL")
			.containsAnyOf("Obtained a Vault token with approle (the token reached its max TTL)",
					"Obtained a Vault token with approle (the token approaches its max TTL)")
			.doesNotContain(this.environment.getProperty("vault.app-role.secret-id"))
			.doesNotContain(DemoVault.DEMO_API_KEY);
	}

	@Test
	@SuppressWarnings("unchecked")
	void pageShowsTheSecretMaskedAndHealthIsUp() {
		assertMaskedSecret(client().get().uri("/").retrieve().body(JSON_MAP));
		Map<String, Object> health = client().get().uri("/actuator/health").retrieve().body(JSON_MAP);
		assertThat(health).containsEntry("status", "UP");
		assertVaultUp((Map<String, Object>) ((Map<String, Object>) health.get("components")).get("vault"));
	}

	@SuppressWarnings("unchecked")
	private static void assertVaultUp(Map<String, Object> vault) {
		assertThat(vault).containsEntry("status", "UP");
		assertThat((Map<String, Object>) vault.get("details")).containsEntry("sealed", false)
			.containsEntry("tokenRenewable", true);
	}

	@SuppressWarnings("unchecked")
	private static void assertMaskedSecret(Map<String, Object> body) {
		assertThat((Map<String, Object>) body.get("apiKey")).containsEntry("length", DemoVault.DEMO_API_KEY.length())
			.containsEntry("sha256", SecretController.fingerprint(DemoVault.DEMO_API_KEY));
		assertThat(body.toString()).doesNotContain(DemoVault.DEMO_API_KEY);
	}

	private boolean lookUpAccessor(String accessor) {
		VaultClient root = DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build();
		try {
			root.execute(VaultRequest.post("auth/token/lookup-accessor").body(Map.of("accessor", accessor)).build());
			return true;
		}
		catch (VaultException ex) {
			assertThat(ex.getStatus()).isEqualTo(400);
			return false;
		}
	}

	private double count(String name, Map<String, String> tags) {
		String[] keyValues = tags.entrySet()
			.stream()
			.flatMap((tag) -> Stream.of(tag.getKey(), tag.getValue()))
			.toArray(String[]::new);
		return this.meterRegistry.get(name).tags(keyValues).counter().count();
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Replaces the auto-configured session manager with the same one on the embedded server's clock and a
	 * scheduler the test drives. Everything else is the application's own configuration.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ManualTimeConfiguration {

		@Bean
		ManualRenewalScheduler manualRenewalScheduler(EmbeddedVaultServer server) {
			// Frozen before the first login: time moves only when the test moves it, however slow the machine.
			server.clock().freeze();
			return new ManualRenewalScheduler(server.clock());
		}

		@Bean(destroyMethod = "close")
		DefaultSessionManager manualTimeSessionManager(VaultClientFactory factory, ClientAuthentication authentication,
				EmbeddedVaultServer server, ManualRenewalScheduler scheduler, ObjectProvider<SessionListener> listeners) {
			DefaultSessionManager.Builder builder = DefaultSessionManager
				.builder(authentication, factory.createLoginClient(factory.getRequestFactory(), null))
				.expiryThreshold(factory.getProperties().getSession().getExpiryThreshold())
				.clock(server.clock())
				.scheduler(scheduler);
			listeners.orderedStream().forEach(builder::addListener);
			return builder.build();
		}

	}

}
