package dev.vaultkv.embedded.server;

import java.util.ArrayList;
import java.util.List;

import dev.vaultkv.embedded.server.acl.Acl;
import dev.vaultkv.embedded.server.acl.Policy;
import dev.vaultkv.embedded.spi.TokenEntry;

/**
 * Builds a token's ACL from the policies of its namespace and maps request paths into that namespace.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class AclService {

	private final ServerState state;

	AclService(ServerState state) {
		this.state = state;
	}

	Acl acl(TokenEntry token) {
		if (token.isRoot()) {
			return new Acl(List.of(), true);
		}
		Namespace namespace = this.state.namespace(token.namespace());
		List<Policy> policies = new ArrayList<>();
		if (namespace != null) {
			for (String name : token.policies()) {
				Policy policy = namespace.policies().get(name);
				if (policy != null) {
					policies.add(policy);
				}
			}
		}
		return new Acl(policies, false);
	}

	/**
	 * Return the path as seen from the token's namespace (a parent namespace's policies name child paths
	 * with the child's prefix).
	 */
	static String pathForToken(TokenEntry token, Namespace requestNamespace, String path) {
		return requestNamespace.path().substring(token.namespace().length()) + path;
	}

	static boolean tokenReaches(TokenEntry token, Namespace requestNamespace) {
		return requestNamespace.path().startsWith(token.namespace());
	}

}
