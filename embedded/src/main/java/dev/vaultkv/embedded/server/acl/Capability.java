package dev.vaultkv.embedded.server.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * ACL capabilities as bit flags.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public enum Capability {

	/**
	 * Deny beats every other capability of its rule.
	 */
	DENY,

	/**
	 * Create a missing target.
	 */
	CREATE,

	/**
	 * Read.
	 */
	READ,

	/**
	 * Update an existing target.
	 */
	UPDATE,

	/**
	 * Delete.
	 */
	DELETE,

	/**
	 * List.
	 */
	LIST,

	/**
	 * Access root-protected paths.
	 */
	SUDO,

	/**
	 * Patch.
	 */
	PATCH,

	/**
	 * Recursive list (OpenBao).
	 */
	SCAN,

	/**
	 * Event subscription.
	 */
	SUBSCRIBE;

	/**
	 * Return the bit of this capability.
	 * @return the bit
	 * @since 0.1.0
	 */
	public int bit() {
		return 1 << ordinal();
	}

	/**
	 * Return the policy name of this capability.
	 * @return the lower-case name
	 * @since 0.1.0
	 */
	public String policyName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Look up a capability by its policy name.
	 * @param name the name
	 * @return the capability or {@code null}
	 * @since 0.1.0
	 */
	public static @Nullable Capability of(String name) {
		for (Capability capability : values()) {
			if (capability.policyName().equals(name)) {
				return capability;
			}
		}
		return null;
	}

	/**
	 * Return the sorted policy names of a bit set.
	 * @param bits the bits
	 * @return the names
	 * @since 0.1.0
	 */
	public static List<String> names(int bits) {
		List<String> names = new ArrayList<>();
		for (Capability capability : values()) {
			if ((bits & capability.bit()) != 0) {
				names.add(capability.policyName());
			}
		}
		names.sort(null);
		return names;
	}

}
