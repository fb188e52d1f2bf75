package dev.vaultkv.embedded.server.acl;

/**
 * One {@code path} block of a policy.
 *
 * @param pattern the path pattern ({@code *} suffix and {@code +} segments allowed)
 * @param capabilities the capability bits
 * @author vaultkv
 * @since 0.1.0
 */
public record PathRule(String pattern, int capabilities) {

	/**
	 * Return whether the pattern has a wildcard.
	 * @return whether it is a glob or segment pattern
	 * @since 0.1.0
	 */
	public boolean isWildcard() {
		return this.pattern.endsWith("*") || hasSegmentWildcard();
	}

	/**
	 * Return whether the pattern has a {@code +} segment.
	 * @return whether it has one
	 * @since 0.1.0
	 */
	public boolean hasSegmentWildcard() {
		return ("/" + this.pattern + "/").contains("/+/") || this.pattern.equals("+*") || this.pattern.endsWith("/+*");
	}

	/**
	 * Return whether the pattern matches a path.
	 * @param path the request path
	 * @return whether it matches
	 * @since 0.1.0
	 */
	public boolean matches(String path) {
		boolean prefix = this.pattern.endsWith("*");
		String body = prefix ? this.pattern.substring(0, this.pattern.length() - 1) : this.pattern;
		if (!hasSegmentWildcard()) {
			return prefix ? path.startsWith(body) : path.equals(body);
		}
		String[] patternSegments = body.split("/", -1);
		String[] pathSegments = path.split("/", -1);
		if (pathSegments.length < patternSegments.length || (!prefix && pathSegments.length != patternSegments.length)) {
			return false;
		}
		int last = patternSegments.length - 1;
		for (int i = 0; i <= last; i++) {
			String expected = patternSegments[i];
			String actual = pathSegments[i];
			if (expected.equals("+")) {
				continue;
			}
			boolean ok = (i == last && prefix) ? actual.startsWith(expected) : actual.equals(expected);
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether this wildcard pattern ranks below another one (Vault's rules: an earlier first wildcard,
	 * a trailing {@code *} against none, more {@code +} segments, a shorter pattern, then lexical order).
	 * @param other the other pattern
	 * @return whether this one has lower priority
	 * @since 0.1.0
	 */
	public boolean isLowerPriorityThan(PathRule other) {
		String a = this.pattern;
		String b = other.pattern;
		int aIndex = firstWildcard(a);
		int bIndex = firstWildcard(b);
		if (aIndex != bIndex) {
			return aIndex < bIndex;
		}
		boolean aStar = a.endsWith("*");
		boolean bStar = b.endsWith("*");
		if (aStar != bStar) {
			return aStar;
		}
		long aPlus = plusCount(a);
		long bPlus = plusCount(b);
		if (aPlus != bPlus) {
			return aPlus > bPlus;
		}
		if (a.length() != b.length()) {
			return a.length() < b.length();
		}
		return a.compareTo(b) < 0;
	}

	private static int firstWildcard(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '*' || (c == '+' && (i == 0 || pattern.charAt(i - 1) == '/')
					&& (i == pattern.length() - 1 || pattern.charAt(i + 1) == '/' || pattern.charAt(i + 1) == '*'))) {
				return i;
			}
		}
		return pattern.length();
	}

	private static long plusCount(String pattern) {
		String body = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
		long count = 0;
		for (String segment : body.split("/", -1)) {
			if (segment.equals("+")) {
				count++;
			}
		}
		return count;
	}

}
