package dev.vaultkv.embedded.database;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statements, usernames, passwords and expirations as Vault's database plugins produce them.
 */
class DatabaseCredentialsTests {

	private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");

	@Test
	void statementsSplitOnSemicolonsUnlessJsonOrBase64() {
		assertThat(Statements.split(" CREATE ROLE a; GRANT x TO a ;; ")).containsExactly("CREATE ROLE a", "GRANT x TO a");
		assertThat(Statements.split("[\"A; B\", \"C\"]")).containsExactly("A; B", "C");
		assertThat(Statements.split("Q1JFQVRFIFJPTEUgYTsgR1JBTlQgeCBUTyBh")).containsExactly("CREATE ROLE a", "GRANT x TO a");
		assertThat(Statements.render("CREATE ROLE \"{{name}}\" PASSWORD '{{password}}'",
				Map.of("name", "v-x", "password", "p-1"))).isEqualTo("CREATE ROLE \"v-x\" PASSWORD 'p-1'");
	}

	@Test
	void plpgsqlBlocksAreNotSplit() {
		assertThat(DatabasePlugin.isMultiline("DO $$ BEGIN CREATE ROLE \"{{name}}\"; END $$;")).isTrue();
		assertThat(DatabasePlugin.isMultiline("CREATE ROLE \"{{name}}\" PASSWORD 'END'")).isFalse();
		assertThat(DatabasePlugin.isMultiline("CREATE ROLE \"APPEND\"; GRANT x TO y")).isFalse();
	}

	@Test
	void usernameTemplates() {
		assertThat(UsernameTemplate.POSTGRESQL.generate("token-application", "readonly-role", NOW))
			.matches("v-token-ap-readonly-[0-9A-Za-z]{20}-" + NOW.getEpochSecond());
		assertThat(UsernameTemplate.MYSQL.generate("root", "readonly", NOW)).hasSize(32)
			.startsWith("v-root-readonly-");
		assertThat(UsernameTemplate.MYSQL_LEGACY.generate("root", "readonly", NOW)).hasSize(16)
			.matches("v-read-[0-9A-Za-z]{9}");
		assertThat(UsernameTemplate.POSTGRESQL.generate("a".repeat(20), "b".repeat(20), NOW).length())
			.isLessThanOrEqualTo(63);
	}

	@Test
	void passwordsFollowVaultsDefaultPolicy() {
		for (int i = 0; i < 200; i++) {
			assertThat(PasswordGenerator.generate()).hasSize(20)
				.matches("[0-9A-Za-z-]+")
				.containsPattern("[a-z]")
				.containsPattern("[A-Z]")
				.containsPattern("[0-9]")
				.contains("-");
		}
	}

	@Test
	void scramVerifierFormat() {
		assertThat(ScramSha256.hash("secret"))
			.matches("SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
	}

	@Test
	void expirationUsesGosLayout() {
		assertThat(Json.expiration(NOW)).matches("2026-12-0[45] \\d\\d:\\d\\d:00[+-]\\d{4}");
	}

}
