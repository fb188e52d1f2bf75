package dev.vaultkv.embedded.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vault Enterprise's replication state header {@code X-Vault-Index}: base64 of
 * {@code v1:<cluster id>:<local index>:<replicated index>:<hex HMAC-SHA256 of what precedes>}, signed with a
 * key of the cluster so that a client cannot forge a state.
 *
 * @author vaultkv
 */
final class IndexHeader {

	static final String NAME = "X-Vault-Index";

	private final String clusterId;

	private final byte[] key;

	IndexHeader(String clusterId, byte[] key) {
		this.clusterId = clusterId;
		this.key = key.clone();
	}

	String encode(long localIndex, long replicatedIndex) {
		String state = "v1:" + this.clusterId + ":" + localIndex + ":" + replicatedIndex;
		String full = state + ":" + HexFormat.of().formatHex(hmac(state));
		return Base64.getEncoder().encodeToString(full.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Parse and verify one header value.
	 * @throws IllegalArgumentException with a Vault-like message if it is malformed, forged or of another
	 * cluster
	 */
	State parse(String raw) {
		String text;
		try {
			text = new String(Base64.getDecoder().decode(raw.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("illegal base64 data in state header");
		}
		int last = text.lastIndexOf(':');
		if (last < 0) {
			throw new IllegalArgumentException("invalid full state header format");
		}
		String state = text.substring(0, last);
		byte[] mac;
		try {
			mac = HexFormat.of().parseHex(text.substring(last + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid state header HMAC");
		}
		if (!MessageDigest.isEqual(mac, hmac(state))) {
			throw new IllegalArgumentException("invalid state header HMAC (mismatch)");
		}
		String[] pieces = state.split(":", -1);
		if (pieces.length != 4 || !pieces[0].equals("v1") || pieces[1].isEmpty()) {
			throw new IllegalArgumentException("invalid state header format");
		}
		if (!pieces[1].equals(this.clusterId)) {
			throw new IllegalArgumentException("state header is for another cluster");
		}
		try {
			return new State(Long.parseUnsignedLong(pieces[2]), Long.parseUnsignedLong(pieces[3]));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("invalid index in state header");
		}
	}

	private byte[] hmac(String state) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(state.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * A verified state.
	 */
	record State(long localIndex, long replicatedIndex) {
	}

}
