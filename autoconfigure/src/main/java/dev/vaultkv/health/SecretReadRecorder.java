package dev.vaultkv.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.CachedSecret;
import dev.vaultkv.secret.CachingSecretStore;
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

	/**
	 * Listen to a store, counting the reads it made before as well: a store handed over from the
	 * bootstrap context read the secrets of placeholders and config data before any listener was added.
	 * @param store the store
	 */
	public void listenTo(CachingSecretStore store) {
		Assert.notNull(store, "'store' must not be null");
		store.addListener(this);
		store.getCachedSecrets()
			.stream()
			.map(CachedSecret::age)
			.min(Duration::compareTo)
			.ifPresent((age) -> record(this.clock.instant().minus(age)));
	}

	@Override
	public void onLoad(SecretLocation location, @Nullable VersionedSecret secret) {
		record(this.clock.instant());
	}

	private synchronized void record(Instant read) {
		Instant last = this.lastSuccessfulRead;
		if (last == null || read.isAfter(last)) {
			this.lastSuccessfulRead = read;
		}
	}

	/**
	 * Return when a secret was last read from Vault successfully.
	 * @return the time, or {@code null} when none was read yet
	 */
	public @Nullable Instant getLastSuccessfulRead() {
		return this.lastSuccessfulRead;
	}

}
