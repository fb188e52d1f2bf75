package dev.vaultkv.embedded.server;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Computes the direct children of a folder from a set of stored keys, as Vault's LIST does.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class Listing {

	private Listing() {
	}

	static List<String> children(Collection<String> keys, String folder) {
		TreeSet<String> children = new TreeSet<>();
		for (String key : keys) {
			if (key.startsWith(folder) && key.length() > folder.length()) {
				String rest = key.substring(folder.length());
				int slash = rest.indexOf('/');
				children.add((slash < 0) ? rest : rest.substring(0, slash + 1));
			}
		}
		return List.copyOf(children);
	}

}
