package dev.vaultkv.propagation.jdbc;

/**
 * Opens a {@link PasswordDatabase} by name, with an account of its own for the calling test.
 */
final class PasswordDatabases {

	private PasswordDatabases() {
	}

	static PasswordDatabase open(String name) {
		return switch (name) {
			case "H2" -> H2PasswordDatabase.start();
			default -> throw new IllegalArgumentException("Unknown database " + name);
		};
	}

}
