package dev.vaultkv.client;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenProvider} for tests that serves one token, hands out a replacement on rejection, and
 * records the rejections it was told about.
 */
class RecordingTokenProvider implements TokenProvider {

	private VaultToken current;

	private final @Nullable VaultToken replacement;

	final List<VaultToken> rejected = new ArrayList<>();

	RecordingTokenProvider(String token, @Nullable String replacement) {
		this.current = VaultToken.of(token);
		this.replacement = (replacement != null) ? VaultToken.of(replacement) : null;
	}

	@Override
	public VaultToken getToken() {
		return this.current;
	}

	@Override
	public VaultToken handleRejection(VaultToken rejected, PermissionDeniedException cause) {
		this.rejected.add(rejected);
		if (this.replacement == null) {
			throw cause;
		}
		this.current = this.replacement;
		return this.replacement;
	}

}
