package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The secret IDs of one AppRole role: registration, look-up by value or accessor, use counting and expiry by
 * the mount clock. Secret IDs are kept only as SHA-256 digests. Thread-safe.
 *
 * @author vaultkv
 */
final class SecretIdStore {

	private final Map<String, SecretIdEntry> byDigest = new HashMap<>();

	private final Map<String, String> digestByAccessor = new HashMap<>();

	/**
	 * Register a secret ID.
	 * @param secretId the secret ID value
	 * @param numUses the allowed uses (0 = unlimited)
	 * @param ttl the validity (zero = forever)
	 * @param metadata the metadata
	 * @param cidrList the source CIDRs allowed to use it
	 * @param tokenBoundCidrs the CIDRs the issued tokens are bound to
	 * @param now the current time
	 * @return the new entry
	 * @throws IllegalStateException if the secret ID is already registered
	 */
	synchronized SecretIdEntry register(String secretId, int numUses, Duration ttl, Map<String, String> metadata,
			List<String> cidrList, List<String> tokenBoundCidrs, Instant now) {
		String digest = digest(secretId);
		purgeExpired(now);
		if (this.byDigest.containsKey(digest)) {
			throw new IllegalStateException("SecretID is already registered");
		}
		String accessor = UUID.randomUUID().toString();
		Instant expiration = ttl.isZero() ? null : now.plus(ttl);
		SecretIdEntry entry = new SecretIdEntry(accessor, numUses, ttl, now, expiration, now, Map.copyOf(metadata),
				List.copyOf(cidrList), List.copyOf(tokenBoundCidrs));
		this.byDigest.put(digest, entry);
		this.digestByAccessor.put(accessor, digest);
		return entry;
	}

	synchronized @Nullable SecretIdEntry lookup(String secretId, Instant now) {
		purgeExpired(now);
		return this.byDigest.get(digest(secretId));
	}

	synchronized @Nullable SecretIdEntry lookupByAccessor(String accessor, Instant now) {
		purgeExpired(now);
		String digest = this.digestByAccessor.get(accessor);
		return (digest != null) ? this.byDigest.get(digest) : null;
	}

	synchronized boolean destroy(String secretId) {
		SecretIdEntry removed = this.byDigest.remove(digest(secretId));
		if (removed != null) {
			this.digestByAccessor.remove(removed.accessor());
		}
		return removed != null;
	}

	synchronized boolean destroyByAccessor(String accessor) {
		String digest = this.digestByAccessor.remove(accessor);
		return digest != null && this.byDigest.remove(digest) != null;
	}

	synchronized List<String> accessors(Instant now) {
		purgeExpired(now);
		return this.digestByAccessor.keySet().stream().sorted().toList();
	}

	synchronized void clear() {
		this.byDigest.clear();
		this.digestByAccessor.clear();
	}

	/**
	 * Use a secret ID for a login: an unknown or expired one yields {@code null}; a limited one has a use
	 * taken away and is deleted with its last use.
	 * @param secretId the secret ID value
	 * @param now the current time
	 * @return the entry as it was before this use, or {@code null}
	 */
	synchronized @Nullable SecretIdEntry consume(String secretId, Instant now) {
		purgeExpired(now);
		String digest = digest(secretId);
		SecretIdEntry entry = this.byDigest.get(digest);
		if (entry == null) {
			return null;
		}
		if (entry.numUses() == 1) {
			this.byDigest.remove(digest);
			this.digestByAccessor.remove(entry.accessor());
		}
		else if (entry.numUses() > 1) {
			this.byDigest.put(digest, entry.withNumUses(entry.numUses() - 1, now));
		}
		return entry;
	}

	private void purgeExpired(Instant now) {
		this.byDigest.values().removeIf((entry) -> {
			boolean expired = entry.isExpired(now);
			if (expired) {
				this.digestByAccessor.remove(entry.accessor());
			}
			return expired;
		});
	}

	private static String digest(String secretId) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secretId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A registered secret ID (without its value).
	 *
	 * @param accessor the accessor
	 * @param numUses the remaining uses (0 = unlimited)
	 * @param ttl the validity it was created with (zero = forever)
	 * @param creationTime when it was created
	 * @param expirationTime when it expires, or {@code null}
	 * @param lastUpdatedTime when it was last used or changed
	 * @param metadata its metadata
	 * @param cidrList the source CIDRs allowed to use it
	 * @param tokenBoundCidrs the CIDRs issued tokens are bound to
	 */
	record SecretIdEntry(String accessor, int numUses, Duration ttl, Instant creationTime,
			@Nullable Instant expirationTime, Instant lastUpdatedTime, Map<String, String> metadata,
			List<String> cidrList, List<String> tokenBoundCidrs) {

		boolean isExpired(Instant now) {
			return this.expirationTime != null && !now.isBefore(this.expirationTime);
		}

		SecretIdEntry withNumUses(int remaining, Instant now) {
			return new SecretIdEntry(this.accessor, remaining, this.ttl, this.creationTime, this.expirationTime, now,
					this.metadata, this.cidrList, this.tokenBoundCidrs);
		}

	}

}
