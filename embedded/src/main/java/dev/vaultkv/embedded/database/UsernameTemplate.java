package dev.vaultkv.embedded.database;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The default username templates of Vault's database plugins, e.g. PostgreSQL's
 * {@code {{ printf "v-%s-%s-%s-%s" (.DisplayName | truncate 8) (.RoleName | truncate 8) (random 20)
 * (unix_time) | truncate 63 }}}; {@code random} draws base62 characters and {@code unix_time} reads the
 * server clock.
 *
 * @param displayNameLength how much of the token's display name is kept (0 leaves it out)
 * @param roleNameLength how much of the role name is kept
 * @param withUnixTime whether the Unix time is appended
 * @param maxLength the length the result is truncated to
 * @author vaultkv
 */
record UsernameTemplate(int displayNameLength, int roleNameLength, boolean withUnixTime, int maxLength) {

	/** PostgreSQL (and the H2 plugin): {@code v-<display 8>-<role 8>-<random 20>-<unix>}, 63 at most. */
	static final UsernameTemplate POSTGRESQL = new UsernameTemplate(8, 8, true, 63);

	/** {@code mysql-database-plugin}: {@code v-<display 10>-<role 10>-<random 20>-<unix>}, 32 at most. */
	static final UsernameTemplate MYSQL = new UsernameTemplate(10, 10, true, 32);

	/** The legacy MySQL plugins (Aurora, RDS, legacy): {@code v-<role 4>-<random 20>}, 16 at most. */
	static final UsernameTemplate MYSQL_LEGACY = new UsernameTemplate(0, 4, false, 16);

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	String generate(String displayName, String roleName, Instant now) {
		StringBuilder name = new StringBuilder("v-");
		if (this.displayNameLength > 0) {
			name.append(truncate(displayName, this.displayNameLength)).append('-');
		}
		name.append(truncate(roleName, this.roleNameLength)).append('-');
		for (int i = 0; i < 20; i++) {
			name.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		if (this.withUnixTime) {
			name.append('-').append(now.getEpochSecond());
		}
		return truncate(name.toString(), this.maxLength);
	}

	private static String truncate(String text, int length) {
		return (text.length() > length) ? text.substring(0, length) : text;
	}

}
