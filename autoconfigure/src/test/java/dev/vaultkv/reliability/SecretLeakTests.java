package dev.vaultkv.reliability;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ResolvableType;

import dev.vaultkv.auth.DefaultSessionManager;
import dev.vaultkv.auth.UserpassAuthentication;
import dev.vaultkv.auth.UserpassAuthenticationOptions;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KvOperations;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.CachedSecretValue;
import dev.vaultkv.secret.CachingSecretStore;
import dev.vaultkv.secret.SecretCacheSettings;
import dev.vaultkv.secret.SecretConverter;
import dev.vaultkv.secret.SecretLoader;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins, reads, cache hits, conversions and every kind of failure with seeded secret values and
 * debug logging on: no value, password or token appears in the log, in an exception message or in a
 * {@code toString()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTests {

	private static final long SEED = 0x1EA4L;

	private final Logger vaultkvLogger = (Logger) LoggerFactory.getLogger("dev.vaultkv");

	private Level previousLevel;

	private EmbeddedVaultServer server;

	private String secretValue;

	private String apiKey;

	private String loginPassword;

	@BeforeEach
	void start() {
		this.previousLevel = this.vaultkvLogger.getLevel();
		this.vaultkvLogger.setLevel(Level.DEBUG);
		Random random = new Random(SEED);
		this.secretValue = "leak-value-" + hex(random);
		this.apiKey = "leak-key-" + hex(random);
		this.loginPassword = "leak-pass-" + hex(random);
		this.server = EmbeddedVaultServer.start();
		this.server.putSecret("secret/leak/db", Map.of("password", this.secretValue, "api-key", this.apiKey));
		this.server.putSecret("secret/denied/db", Map.of("password", this.secretValue));
		VaultClient root = DefaultVaultClient.builder(this.server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(this.server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/leak")
			.body(Map.of("policy", "path \"secret/data/leak/*\" { capabilities = [\"read\", \"create\", \"update\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/userpass").body(Map.of("type", "userpass")).build());
		root.execute(VaultRequest.post("auth/userpass/users/leaky")
			.body(Map.of("password", this.loginPassword, "token_policies", List.of("leak")))
			.build());
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.vaultkvLogger.setLevel(this.previousLevel);
	}

	@Test
	void noSecretReachesLogsMessagesOrToString(CapturedOutput output) {
		List<String> texts = new ArrayList<>();
		UserpassAuthenticationOptions options = UserpassAuthenticationOptions.builder()
			.username("leaky")
			.password(this.loginPassword)
			.build();
		VaultClient loginClient = DefaultVaultClient.builder(this.server.getAddress()).build();
		try (DefaultSessionManager session = DefaultSessionManager
			.builder(new UserpassAuthentication(options), loginClient)
			.build()) {
			VaultClient client = DefaultVaultClient.builder(this.server.getAddress()).tokenProvider(session).build();
			KvOperations kv = new KvTemplate(client, "secret", KvVersion.V2);
			VersionedSecret secret = kv.read("leak/db");
			assertThat(secret.data().getString("password")).isEqualTo(this.secretValue);
			String token = session.getToken().getToken();
			texts.add(secret.toString());
			texts.add(secret.data().toString());
			texts.add(session.getToken().toString());
			texts.add(session.toString());
			texts.add(String.valueOf(session.getTokenState()));
			texts.add(client.toString());
			texts.add(options.toString());
			texts.add(kv.toString());
			CachingSecretStore store = new CachingSecretStore(SecretLoader.of((mount) -> kv),
					SecretCacheSettings.defaults());
			SecretResolver resolver = new SecretResolver(store, "secret", "value");
			SecretConverter converter = new SecretConverter(ApplicationConversionService.getSharedInstance(),
					JsonMapper.builder().build());
			assertThat(resolver.getString(SecretReference.parse("leak/db:password"))).isEqualTo(this.secretValue);
			texts.add(store.read(new SecretLocation("secret", "leak/db", 0)).toString());
			CachedSecretValue<Integer> asNumber = new CachedSecretValue<>(resolver, converter,
					SecretReference.parse("leak/db:password"), ResolvableType.forClass(Integer.class));
			texts.add(asNumber.toString());
			texts.add(failure(asNumber::get));
			texts.add(failure(() -> kv.read("denied/db")));
			texts.add(failure(() -> kv.write("leak/db", Map.of("password", this.secretValue), 99)));
			texts.add(failure(() -> resolver.getString(SecretReference.parse("leak/db:missing"))));
			session.close();
			texts.add(failure(() -> new UserpassAuthentication(UserpassAuthenticationOptions.builder()
				.username("leaky")
				.password(this.loginPassword + "-wrong")
				.build()).login(loginClient)));
			this.server.revokeAllTokens();
			texts.add(failure(() -> DefaultVaultClient.builder(this.server.getAddress())
				.tokenProvider(TokenProvider.of(VaultToken.of(token)))
				.build()
				.execute(VaultRequest.get("secret/data/leak/db").build())));
			List<String> secrets = List.of(this.secretValue, this.apiKey, this.loginPassword, token,
					this.server.getRootToken());
			assertThat(output.getAll()).contains("leak/db");
			for (String value : secrets) {
				assertThat(output.getAll()).doesNotContain(value);
				assertThat(texts).noneMatch((text) -> text.contains(value));
			}
		}
	}

	private static String failure(Runnable action) {
		try {
			action.run();
		}
		catch (VaultException ex) {
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				messages.append(cause).append('\n');
			}
			return messages.toString();
		}
		throw new AssertionError("Expected a VaultException");
	}

	private static String hex(Random random) {
		byte[] bytes = new byte[12];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
