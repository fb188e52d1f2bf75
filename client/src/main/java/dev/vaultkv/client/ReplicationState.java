package dev.vaultkv.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One state of a Vault cluster's storage as Vault reports it in the {@code X-Vault-Index} response
 * header: the base64 of {@code v1:<cluster id>:<local index>:<replicated index>:<hmac>}. The header is
 * kept as received, to be sent back unchanged; the client never checks the HMAC (only the server knows
 * its key). An index is not a secret, but it is cluster-internal: {@link #toString()} shows the cluster
 * id and the two indexes, never the header.
 *
 * @param header the header value as received
 * @param clusterId the id of the cluster that wrote it
 * @param localIndex the index of the cluster's local (not replicated) storage
 * @param replicatedIndex the index of the replicated storage
 * @since 0.1.0
 */
public record ReplicationState(String header, String clusterId, long localIndex, long replicatedIndex) {

	private static final int MAX_HEADER_LENGTH = 4096;

	/**
	 * Create a new instance.
	 * @param header the header value as received
	 * @param clusterId the id of the cluster that wrote it
	 * @param localIndex the index of the cluster's local storage
	 * @param replicatedIndex the index of the replicated storage
	 */
	public ReplicationState {
		Assert.hasText(header, "'header' must not be empty");
		Assert.hasText(clusterId, "'clusterId' must not be empty");
		Assert.isTrue(localIndex >= 0 && replicatedIndex >= 0, "indexes must not be negative");
	}

	/**
	 * Parse an {@code X-Vault-Index} header value.
	 * @param header the value
	 * @return the state, or {@code null} when the value is not in Vault's {@code v1} format
	 */
	public static @Nullable ReplicationState parse(@Nullable String header) {
		if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
			return null;
		}
		String trimmed = header.trim();
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(trimmed), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int lastColon = decoded.lastIndexOf(':');
		if (lastColon < 0 || !isHex(decoded.substring(lastColon + 1))) {
			return null;
		}
		String[] pieces = decoded.substring(0, lastColon).split(":", -1);
		if (pieces.length != 4 || !pieces[0].equals("v1") || pieces[1].isEmpty()) {
			return null;
		}
		long local = unsigned(pieces[2]);
		long replicated = unsigned(pieces[3]);
		if (local < 0 || replicated < 0) {
			return null;
		}
		return new ReplicationState(trimmed, pieces[1], local, replicated);
	}

	/**
	 * Return whether this state includes everything {@code other} includes: same cluster, and neither
	 * index behind.
	 * @param other the other state
	 * @return whether this state is at least as recent
	 */
	public boolean includes(ReplicationState other) {
		Assert.notNull(other, "'other' must not be null");
		return this.clusterId.equals(other.clusterId) && this.localIndex >= other.localIndex
				&& this.replicatedIndex >= other.replicatedIndex;
	}

	private static boolean isHex(String value) {
		if (value.length() % 2 != 0) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (Character.digit(value.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the decimal value, or -1 when it is not one that fits a positive long.
	 */
	private static long unsigned(String value) {
		if (value.isEmpty() || value.length() > 18) {
			return -1;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return -1;
			}
		}
		return Long.parseLong(value);
	}

	@Override
	public String toString() {
		return "ReplicationState[cluster=" + this.clusterId + ", local=" + this.localIndex + ", replicated="
				+ this.replicatedIndex + "]";
	}

}
