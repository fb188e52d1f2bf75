package dev.vaultkv.embedded;

import java.util.Locale;

/**
 * Which server the embedded server answers as: HashiCorp Vault (the default) or OpenBao. The flavour changes
 * what a client sees where the two differ: the version string and the fields of {@code sys/health},
 * {@code sys/seal-status}, {@code sys/leader} and {@code sys/version-history}, paginated lists
 * ({@code after} and {@code limit}), namespace fields, and in a cluster the kind of standby and the
 * {@code X-Vault-Index} header. The embedded server's README lists every difference.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public enum Flavour {

	/**
	 * Answer as HashiCorp Vault 1.19 (Vault Enterprise 1.19 in a cluster).
	 */
	VAULT("1.19.0", "1.19.0+ent"),

	/**
	 * Answer as OpenBao 2.6 (standby nodes serve reads, no performance standbys, no {@code X-Vault-Index}).
	 */
	OPENBAO("2.6.2", "2.6.2");

	private final String defaultVersion;

	private final String defaultClusterVersion;

	Flavour(String defaultVersion, String defaultClusterVersion) {
		this.defaultVersion = defaultVersion;
		this.defaultClusterVersion = defaultClusterVersion;
	}

	/**
	 * Return the version a single server reports unless one is set.
	 * @return the default version
	 * @since 0.1.0
	 */
	public String defaultVersion() {
		return this.defaultVersion;
	}

	/**
	 * Return the version a cluster reports unless one is set.
	 * @return the default cluster version
	 * @since 0.1.0
	 */
	public String defaultClusterVersion() {
		return this.defaultClusterVersion;
	}

	/**
	 * Return whether this flavour is OpenBao.
	 * @return {@code true} for {@link #OPENBAO}
	 * @since 0.1.0
	 */
	public boolean isOpenBao() {
		return this == OPENBAO;
	}

	/**
	 * Parse a flavour name as given on a command line or in a property, ignoring case and {@code -}/{@code _}.
	 * @param name the name, e.g. {@code openbao} or {@code vault}
	 * @return the flavour
	 * @throws IllegalArgumentException naming the accepted values when the name is neither
	 * @since 0.1.0
	 */
	public static Flavour parse(String name) {
		String normalized = name.trim().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
		for (Flavour flavour : values()) {
			if (flavour.name().equals(normalized)) {
				return flavour;
			}
		}
		throw new IllegalArgumentException("Unknown flavour '" + name + "': use 'vault' or 'openbao'");
	}

}
