package dev.vaultkv.embedded.server.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The merged rules of a token's policies, deciding capabilities per path.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class Acl {

	private final boolean root;

	private final Map<String, Integer> exact = new LinkedHashMap<>();

	private final List<PathRule> wildcards = new ArrayList<>();

	/**
	 * Merge policies into an ACL.
	 * @param policies the policies
	 * @param root whether the token holds the {@code root} policy
	 * @since 0.1.0
	 */
	public Acl(Collection<Policy> policies, boolean root) {
		this.root = root;
		Map<String, Integer> merged = new LinkedHashMap<>();
		for (Policy policy : policies) {
			for (PathRule rule : policy.rules()) {
				merged.merge(rule.pattern(), rule.capabilities(), Acl::mergeBits);
			}
		}
		merged.forEach((pattern, bits) -> {
			PathRule rule = new PathRule(pattern, bits);
			if (rule.isWildcard()) {
				this.wildcards.add(rule);
			}
			else {
				this.exact.put(pattern, bits);
			}
		});
	}

	private static int mergeBits(int a, int b) {
		int merged = a | b;
		return ((merged & Capability.DENY.bit()) != 0) ? Capability.DENY.bit() : merged;
	}

	/**
	 * Return whether this ACL is the root ACL.
	 * @return whether root
	 * @since 0.1.0
	 */
	public boolean isRoot() {
		return this.root;
	}

	/**
	 * Return the capability bits that apply to a path (only {@link Capability#DENY} if denied, 0 if no rule).
	 * @param path the request path (LIST paths end in {@code /})
	 * @param list whether this is a list operation
	 * @return the bits
	 * @since 0.1.0
	 */
	public int capabilities(String path, boolean list) {
		if (list && path.endsWith("/")) {
			Integer bits = this.exact.get(path.substring(0, path.length() - 1));
			if (bits != null) {
				return bits;
			}
		}
		Integer bits = this.exact.get(path);
		if (bits != null) {
			return bits;
		}
		PathRule best = bestWildcard(path);
		return (best != null) ? best.capabilities() : 0;
	}

	private @Nullable PathRule bestWildcard(String path) {
		PathRule best = null;
		for (PathRule rule : this.wildcards) {
			if (rule.matches(path) && (best == null || best.isLowerPriorityThan(rule))) {
				best = rule;
			}
		}
		return best;
	}

	/**
	 * Return whether a capability is granted on a path.
	 * @param path the path
	 * @param capability the needed capability
	 * @param list whether this is a list operation
	 * @param sudo whether the path is root-protected and also needs {@code sudo}
	 * @return whether allowed
	 * @since 0.1.0
	 */
	public boolean allows(String path, Capability capability, boolean list, boolean sudo) {
		if (this.root) {
			return true;
		}
		int bits = capabilities(path, list);
		if ((bits & Capability.DENY.bit()) != 0 || (bits & capability.bit()) == 0) {
			return false;
		}
		return !sudo || (bits & Capability.SUDO.bit()) != 0;
	}

	/**
	 * Return the capability names for {@code sys/capabilities*}: {@code ["root"]} for root, {@code ["deny"]}
	 * if nothing is granted.
	 * @param path the path
	 * @return the sorted names
	 * @since 0.1.0
	 */
	public List<String> capabilityNames(String path) {
		if (this.root) {
			return List.of("root");
		}
		int bits = capabilities(path, false);
		if (bits == 0 || (bits & Capability.DENY.bit()) != 0) {
			return List.of("deny");
		}
		return Capability.names(bits);
	}

	/**
	 * Return whether some rule grants a non-deny capability on a path inside a mount (the preflight check of
	 * {@code sys/internal/ui/mounts/...}).
	 * @param mountPath the mount path with a trailing slash
	 * @return whether access is allowed
	 * @since 0.1.0
	 */
	public boolean hasMountAccess(String mountPath) {
		if (this.root) {
			return true;
		}
		for (Map.Entry<String, Integer> entry : this.exact.entrySet()) {
			if (granting(entry.getValue()) && (entry.getKey().startsWith(mountPath)
					|| (entry.getKey() + "/").equals(mountPath))) {
				return true;
			}
		}
		for (PathRule rule : this.wildcards) {
			if (granting(rule.capabilities()) && reachesMount(rule, mountPath)) {
				return true;
			}
		}
		return false;
	}

	private static boolean granting(int bits) {
		return bits != 0 && (bits & Capability.DENY.bit()) == 0;
	}

	private static boolean reachesMount(PathRule rule, String mountPath) {
		String pattern = rule.pattern();
		boolean prefix = pattern.endsWith("*");
		String body = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
		String[] patternSegments = body.split("/", -1);
		String[] mountSegments = mountPath.substring(0, mountPath.length() - 1).split("/", -1);
		for (int i = 0; i < mountSegments.length; i++) {
			if (i >= patternSegments.length) {
				return false;
			}
			String expected = patternSegments[i];
			if (expected.equals("+")) {
				continue;
			}
			boolean lastOfPrefix = prefix && i == patternSegments.length - 1;
			if (lastOfPrefix) {
				return mountSegments[i].startsWith(expected);
			}
			if (!expected.equals(mountSegments[i])) {
				return false;
			}
		}
		return true;
	}

}
