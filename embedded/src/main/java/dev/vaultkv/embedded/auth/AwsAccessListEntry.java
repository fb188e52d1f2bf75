package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An EC2 instance's entry in the identity access list. Mutable; guarded by the backend monitor.
 *
 * @author vaultkv
 */
final class AwsAccessListEntry {

	/** The nonce Vault stores when the client asked, with an empty nonce, to log in only once. */
	static final String REAUTHENTICATION_DISABLED_NONCE = "reauthentication-disabled-nonce";

	final String role;

	String clientNonce;

	final Instant creationTime;

	boolean disallowReauthentication;

	String pendingTime = "";

	Instant expirationTime;

	Instant lastUpdatedTime;

	AwsAccessListEntry(String role, String clientNonce, Instant creationTime) {
		this.role = role;
		this.clientNonce = clientNonce;
		this.creationTime = creationTime;
		this.expirationTime = creationTime;
		this.lastUpdatedTime = creationTime;
	}

	AwsAccessListEntry copy() {
		AwsAccessListEntry copy = new AwsAccessListEntry(this.role, this.clientNonce, this.creationTime);
		copy.disallowReauthentication = this.disallowReauthentication;
		copy.pendingTime = this.pendingTime;
		copy.expirationTime = this.expirationTime;
		copy.lastUpdatedTime = this.lastUpdatedTime;
		return copy;
	}

	ObjectNode toData() {
		ObjectNode data = Json.object();
		data.put("role", this.role);
		data.put("client_nonce", this.clientNonce);
		data.put("creation_time", AuthBackend.time(this.creationTime));
		data.put("disallow_reauthentication", this.disallowReauthentication);
		data.put("pending_time", this.pendingTime);
		data.put("expiration_time", AuthBackend.time(this.expirationTime));
		data.put("last_updated_time", AuthBackend.time(this.lastUpdatedTime));
		return data;
	}

	@Override
	public String toString() {
		return "AwsAccessListEntry[role=" + this.role + "]";
	}

	/**
	 * Vault's checks of a re-login against this entry.
	 * @param nonce the nonce of the login
	 * @param pendingTime the pending time of the login's identity document
	 * @param allowInstanceMigration whether the role allows instance migration
	 * @return why the login is refused, or {@code null}
	 */
	@Nullable String reloginProblem(String nonce, String pendingTime, boolean allowInstanceMigration) {
		if (!this.disallowReauthentication && this.clientNonce.isEmpty()) {
			return "client nonce missing in stored identity";
		}
		if (this.disallowReauthentication || REAUTHENTICATION_DISABLED_NONCE.equals(nonce)) {
			return "reauthentication is disabled";
		}
		Instant given;
		Instant previous;
		try {
			given = Instant.parse(pendingTime);
			previous = Instant.parse(this.pendingTime);
		}
		catch (DateTimeParseException ex) {
			return ex.getMessage();
		}
		boolean nonceMatches = MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
				this.clientNonce.getBytes(StandardCharsets.UTF_8));
		if (!nonceMatches) {
			if (!allowInstanceMigration) {
				return "client nonce mismatch";
			}
			if (!given.isAfter(previous)) {
				return "client nonce mismatch and instance meta-data incorrect";
			}
		}
		if (given.isBefore(previous)) {
			return "instance meta-data is older than the one used for previous login";
		}
		return null;
	}

}
