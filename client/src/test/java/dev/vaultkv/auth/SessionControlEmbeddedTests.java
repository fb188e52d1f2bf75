package dev.vaultkv.auth;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.ControllableClock;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;
import dev.vaultkv.testsupport.EmbeddedClients;
import dev.vaultkv.testsupport.ServerClockScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Renewal on request with an increment, a renewal increment for background renewals, and logging out
 * with or without revoking, over HTTP against the embedded Vault server on its controllable clock.
 */
class SessionControlEmbeddedTests {

	private static final String LOGIN = "auth/approle/login";

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static String roleId;

	private static String secretId;

	private ServerClockScheduler scheduler;

	private DefaultSessionManager session;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder().clock(new ControllableClock().freeze()).start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		new SysTemplate(root).enableAuth("approle", MountRequest.of("approle"));
		root.execute(VaultRequest.post("auth/approle/role/app")
			.body(Map.of("token_ttl", "20m", "token_max_ttl", "1h"))
			.build());
		roleId = EmbeddedClients.roleId(root, "app");
		secretId = EmbeddedClients.secretId(root, "app");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private DefaultSessionManager session(Duration renewalIncrement) {
		this.scheduler = new ServerClockScheduler(server.clock());
		this.session = DefaultSessionManager
			.builder(new AppRoleAuthentication(
					AppRoleAuthenticationOptions.builder().roleId(roleId).secretId(secretId).build()),
					DefaultVaultClient.builder(server.getAddress()).build())
			.scheduler(this.scheduler)
			.clock(server.clock())
			.jitter(0)
			.renewalIncrement(renewalIncrement)
			.build();
		server.requestLog().clear();
		return this.session;
	}

	@AfterEach
	void closeSession() {
		if (this.session != null) {
			this.session.close();
		}
	}

	@Test
	void renewsOnRequestWithAnIncrement() {
		DefaultSessionManager session = session(null);
		VaultToken token = session.getToken();
		TokenState state = session.renew(Duration.ofMinutes(5));
		assertThat(state.expiresAt()).isEqualTo(server.clock().instant().plus(Duration.ofMinutes(5)));
		assertThat(tokenTtl(token)).isEqualTo(Duration.ofMinutes(5));
		assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isOne();
		assertThat(this.scheduler.nextDelay()).isLessThan(Duration.ofMinutes(5));
		assertThat(session.getToken()).isEqualTo(token);
		assertThatIllegalArgumentException().isThrownBy(() -> session.renew(Duration.ZERO));
	}

	@Test
	void renewOnRequestLogsInFirstWithoutAToken() {
		DefaultSessionManager session = session(null);
		TokenState state = session.renew(null);
		assertThat(state.expiresAt()).isEqualTo(server.clock().instant().plus(Duration.ofMinutes(20)));
		assertThat(server.requestLog().count("POST", LOGIN)).isOne();
		assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isOne();
	}

	@Test
	void backgroundRenewalsAskForTheIncrement() {
		DefaultSessionManager session = session(Duration.ofMinutes(30));
		VaultToken token = session.getToken();
		this.scheduler.advance(this.scheduler.nextDelay());
		assertThat(server.requestLog().count("POST", "auth/token/renew-self")).isOne();
		assertThat(tokenTtl(token)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void logoutWithoutRevokingKeepsTheTokenAliveAndLogsInAgainOnNextUse() {
		DefaultSessionManager session = session(null);
		VaultToken first = session.getToken();
		session.logout(false);
		assertThat(session.getTokenState()).isNull();
		assertThat(server.requestLog().count("POST", "auth/token/revoke-self")).isZero();
		assertThat(tokenTtl(first)).isEqualTo(Duration.ofMinutes(20));
		assertThat(this.scheduler.nextDelay()).isNull();
		VaultToken second = session.getToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(server.requestLog().count("POST", LOGIN)).isEqualTo(2);
	}

	@Test
	void logoutWithRevokingRevokesTheToken() {
		DefaultSessionManager session = session(null);
		VaultToken first = session.getToken();
		session.logout(true);
		assertThat(server.requestLog().count("POST", "auth/token/revoke-self")).isOne();
		assertThatExceptionOfType(PermissionDeniedException.class).isThrownBy(() -> tokenTtl(first));
		assertThat(session.getToken()).isNotEqualTo(first);
	}

	private static Duration tokenTtl(VaultToken token) {
		return Duration.ofSeconds(root.execute(VaultRequest.post("auth/token/lookup")
			.body(Map.of("token", token.getToken()))
			.build()).requireData().get("ttl").asLong());
	}

}
