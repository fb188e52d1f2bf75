package dev.vaultkv.health;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStoreListener;

/**
 * {@link SecretStoreListener} remembering when a secret was last read from Vault successfully.
 *
 * @since 0.1.0
 */
public final class SecretReadRecorder implements SecretStoreListener {

	private final Clock clock;

	private volatile @Nullable Instant lastSuccessfulRead;

	/**
	 * Create a new instance.
	 * @param clock the clock
	 */
	public SecretReadRecorder(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public void onLoad(SecretLocation location, @Nullable VersionedSecret secret) {
		this.lastSuccessfulRead = this.clock.instant();
	}

	/**
	 * Return when a secret was last read from Vault successfully.
	 * @return the time, or {@code null} when none was read yet
	 */
	public @Nullable Instant getLastSuccessfulRead() {
		return this.lastSuccessfulRead;
	}

}
