package dev.vaultkv.client;

/**
 * Checks paths before they are sent, so that a path Vault cannot address fails with a clear message
 * instead of reaching the wrong secret.
 *
 * @since 0.1.0
 */
public final class VaultPaths {

	private VaultPaths() {
	}

	/**
	 * Check a path relative to {@code /v1/} and return it without a leading slash.
	 * @param path the path
	 * @return the normalized path
	 * @throws InvalidPathException if the path is empty, has an empty, {@code .} or {@code ..} segment,
	 * or contains characters Vault cannot address
	 */
	public static String validate(String path) {
		if (path == null || path.isBlank()) {
			throw new InvalidPathException(String.valueOf(path), "it is empty");
		}
		String normalized = path.startsWith("/") ? path.substring(1) : path;
		if (normalized.startsWith("v1/")) {
			throw new InvalidPathException(path, "it starts with 'v1/'; give the path relative to /v1/");
		}
		for (int i = 0; i < normalized.length(); i++) {
			char c = normalized.charAt(i);
			if (Character.isISOControl(c)) {
				throw new InvalidPathException(path, "it contains a control character at index " + i);
			}
			if (c == '?' || c == '#' || c == '%' || c == '\\') {
				throw new InvalidPathException(path, "it contains '" + c + "', which Vault cannot address");
			}
		}
		String body = normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
		if (body.isEmpty()) {
			throw new InvalidPathException(path, "it is empty");
		}
		int start = 0;
		while (start <= body.length()) {
			int slash = body.indexOf('/', start);
			int end = (slash >= 0) ? slash : body.length();
			checkSegment(path, body, start, end);
			start = end + 1;
		}
		return normalized;
	}

	private static void checkSegment(String path, String body, int start, int end) {
		if (start == end) {
			throw new InvalidPathException(path, "it has an empty segment ('//')");
		}
		if (body.charAt(start) == '.' && (end - start == 1 || (end - start == 2 && body.charAt(start + 1) == '.'))) {
			throw new InvalidPathException(path, "it has a '" + body.substring(start, end) + "' segment");
		}
		for (int i = start; i < end; i++) {
			if (!Character.isWhitespace(body.charAt(i))) {
				return;
			}
		}
		throw new InvalidPathException(path, "it has a blank segment");
	}

}
