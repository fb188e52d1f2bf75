package dev.vaultkv.embedded.server;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Responses held for single-use wrapping tokens.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class WrappingStore {

	/**
	 * A wrapped response.
	 */
	record Wrapped(String token, String accessor, String namespace, ObjectNode body, String creationPath,
			Instant creationTime, long ttl, @Nullable String wrappedAccessor) {

		boolean isExpired(Instant now) {
			return !now.isBefore(this.creationTime.plusSeconds(this.ttl));
		}

		@Override
		public String toString() {
			return "Wrapped[accessor=" + this.accessor + ", creationPath=" + this.creationPath + "]";
		}

	}

	private final Map<String, Wrapped> byToken = new ConcurrentHashMap<>();

	Wrapped wrap(String namespacePath, String namespaceId, ObjectNode body, String creationPath, Instant now,
			long ttl, @Nullable String wrappedAccessor) {
		String token = "hvs." + Ids.base62(24) + (namespacePath.isEmpty() ? "" : "." + namespaceId);
		Wrapped wrapped = new Wrapped(token, Ids.base62(24), namespacePath, body, creationPath, now, ttl,
				wrappedAccessor);
		this.byToken.put(token, wrapped);
		return wrapped;
	}

	@Nullable Wrapped peek(@Nullable String token, Instant now) {
		if (token == null) {
			return null;
		}
		Wrapped wrapped = this.byToken.get(token);
		if (wrapped != null && wrapped.isExpired(now)) {
			this.byToken.remove(token, wrapped);
			return null;
		}
		return wrapped;
	}

	@Nullable Wrapped take(@Nullable String token, Instant now) {
		if (token == null) {
			return null;
		}
		Wrapped wrapped = this.byToken.remove(token);
		return (wrapped != null && !wrapped.isExpired(now)) ? wrapped : null;
	}

	void clear() {
		this.byToken.clear();
	}

}
