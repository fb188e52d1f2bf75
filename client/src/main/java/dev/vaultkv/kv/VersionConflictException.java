package dev.vaultkv.kv;

import java.util.List;

import dev.vaultkv.client.InvalidRequestException;

/**
 * A check-and-set write or patch found another current version than the one expected; nothing was
 * written. Re-read the secret, apply the change again and retry with {@link #getCurrentVersion()}.
 *
 * @since 0.1.0
 */
public class VersionConflictException extends InvalidRequestException {

	private static final long serialVersionUID = 1L;

	private final long expectedVersion;

	private final long currentVersion;

	/**
	 * Create a new instance.
	 * @param operation the operation of the failed request
	 * @param path the path of the failed request
	 * @param errors Vault's error strings
	 * @param expectedVersion the version the write expected
	 * @param currentVersion the current version, or -1 when it could not be read
	 */
	public VersionConflictException(String operation, String path, List<String> errors, long expectedVersion,
			long currentVersion) {
		super("Check-and-set version " + expectedVersion + " does not match the current version"
				+ ((currentVersion >= 0) ? " " + currentVersion : ""), operation, path, 400, errors, null);
		this.expectedVersion = expectedVersion;
		this.currentVersion = currentVersion;
	}

	/**
	 * Return the version the write expected.
	 * @return the expected version
	 */
	public long getExpectedVersion() {
		return this.expectedVersion;
	}

	/**
	 * Return the current version of the key when the conflict was seen, or -1 if it could not be read.
	 * @return the current version
	 */
	public long getCurrentVersion() {
		return this.currentVersion;
	}

}
