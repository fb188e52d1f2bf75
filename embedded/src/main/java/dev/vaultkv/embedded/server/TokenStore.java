package dev.vaultkv.embedded.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * All live tokens of the server (every namespace), with accessor and parent indexes. Expired tokens are
 * removed when looked up and by {@link #expire(Instant)}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class TokenStore {

	private final Object lock = new Object();

	private final Map<String, TokenRecord> byId = new HashMap<>();

	private final Map<String, String> idByAccessor = new HashMap<>();

	private final Map<String, Set<String>> children = new HashMap<>();

	private final List<java.util.function.Consumer<String>> revocationListeners = new ArrayList<>();

	/** No token expires before this instant; {@code null} if none expires. */
	private @Nullable Instant nextExpiry;

	void onRevoke(java.util.function.Consumer<String> listener) {
		this.revocationListeners.add(listener);
	}

	void add(TokenRecord record) {
		synchronized (this.lock) {
			this.byId.put(record.id, record);
			if (!record.accessor.isEmpty()) {
				this.idByAccessor.put(record.accessor, record.id);
			}
			if (record.parentId != null) {
				this.children.computeIfAbsent(record.parentId, (key) -> new HashSet<>()).add(record.id);
			}
			if (record.expireTime != null && (this.nextExpiry == null || record.expireTime.isBefore(this.nextExpiry))) {
				this.nextExpiry = record.expireTime;
			}
		}
	}

	/**
	 * Revoke every token that has expired by {@code now} (with its children), so its revocation listeners
	 * run without waiting for a lookup.
	 */
	void expire(Instant now) {
		synchronized (this.lock) {
			if (this.nextExpiry == null || now.isBefore(this.nextExpiry)) {
				return;
			}
			List<String> expired = this.byId.values()
				.stream()
				.filter((record) -> record.isExpired(now))
				.map((record) -> record.id)
				.toList();
			expired.forEach((id) -> revokeLocked(id, true));
			// renewals only move expiry later, so the earliest one left is a safe lower bound
			this.nextExpiry = this.byId.values()
				.stream()
				.map((record) -> record.expireTime)
				.filter(java.util.Objects::nonNull)
				.min(Instant::compareTo)
				.orElse(null);
		}
	}

	/**
	 * Return the live token, removing it if it has expired.
	 */
	@Nullable TokenRecord find(String id, Instant now) {
		synchronized (this.lock) {
			TokenRecord record = this.byId.get(id);
			if (record != null && record.isExpired(now)) {
				revokeLocked(id, true);
				return null;
			}
			return record;
		}
	}

	@Nullable TokenRecord findByAccessor(String accessor, Instant now) {
		synchronized (this.lock) {
			String id = this.idByAccessor.get(accessor);
			return (id != null) ? find(id, now) : null;
		}
	}

	/**
	 * Count one use of a limited-use token. A token whose last use this is stays valid for the current
	 * request; {@link #revokeIfExhausted} removes it afterwards.
	 * @return whether the token was valid for this use
	 */
	boolean use(String id, Instant now) {
		synchronized (this.lock) {
			TokenRecord record = find(id, now);
			if (record == null) {
				return false;
			}
			if (record.limitedUse) {
				if (record.numUses <= 0) {
					return false;
				}
				record.numUses--;
			}
			return true;
		}
	}

	void revokeIfExhausted(String id) {
		synchronized (this.lock) {
			TokenRecord record = this.byId.get(id);
			if (record != null && record.limitedUse && record.numUses <= 0) {
				revokeLocked(id, true);
			}
		}
	}

	/**
	 * Run an update of a token's mutable fields under the store's lock.
	 */
	<T> T update(TokenRecord record, java.util.function.Function<TokenRecord, T> action) {
		synchronized (this.lock) {
			return action.apply(record);
		}
	}

	void revoke(String id, boolean withChildren) {
		synchronized (this.lock) {
			revokeLocked(id, withChildren);
		}
	}

	void revokeIf(Predicate<TokenRecord> predicate) {
		synchronized (this.lock) {
			List<String> ids = this.byId.values().stream().filter(predicate).map((record) -> record.id).toList();
			ids.forEach((id) -> revokeLocked(id, true));
		}
	}

	void revokeAllExcept(String keep) {
		synchronized (this.lock) {
			List<String> ids = this.byId.keySet().stream().filter((id) -> !id.equals(keep)).toList();
			ids.forEach((id) -> revokeLocked(id, false));
			this.children.clear();
		}
	}

	int size() {
		synchronized (this.lock) {
			return this.byId.size();
		}
	}

	private void revokeLocked(String id, boolean withChildren) {
		TokenRecord record = this.byId.remove(id);
		if (record == null) {
			return;
		}
		if (!record.accessor.isEmpty()) {
			this.idByAccessor.remove(record.accessor);
		}
		if (record.parentId != null) {
			Set<String> siblings = this.children.get(record.parentId);
			if (siblings != null) {
				siblings.remove(id);
			}
		}
		Set<String> kids = this.children.remove(id);
		if (kids != null && withChildren) {
			for (String child : new ArrayList<>(kids)) {
				revokeLocked(child, true);
			}
		}
		this.revocationListeners.forEach((listener) -> listener.accept(id));
	}

}
