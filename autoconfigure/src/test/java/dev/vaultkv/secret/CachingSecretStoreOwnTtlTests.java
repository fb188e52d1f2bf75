package dev.vaultkv.secret;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachingSecretStore} with KV version 1 secrets that set their own time to live.
 */
class CachingSecretStoreOwnTtlTests {

	private static final SecretLocation DB = new SecretLocation("kv1", "myapp/db", 0);

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final Ticker ticker = this.nanos::get;

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicReference<String> value = new AtomicReference<>("one");

	private final SecretCacheSettings settings = new SecretCacheSettings(Duration.ofSeconds(60),
			Duration.ofSeconds(10), 100, Duration.ofSeconds(300));

	private CachingSecretStore store(Duration ownTtl) {
		SecretLoader loader = (location) -> {
			this.reads.incrementAndGet();
			return new VersionedSecret(SecretData.of(Map.of("value", this.value.get())), null, ownTtl);
		};
		return new CachingSecretStore(loader, this.settings, this.ticker, Runnable::run);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	@Test
	void aShorterOwnTtlIsRefreshedAheadOnItsOwnSchedule() {
		CachingSecretStore store = store(Duration.ofSeconds(10));
		assertThat(store.read(DB).data().getString("value")).isEqualTo("one");
		this.value.set("two");
		advance(Duration.ofSeconds(4));
		assertThat(store.read(DB).data().getString("value")).isEqualTo("one");
		assertThat(this.reads).hasValue(1);
		advance(Duration.ofSeconds(2));
		store.read(DB);
		assertThat(this.reads).hasValue(2);
		assertThat(store.read(DB).data().getString("value")).isEqualTo("two");
	}

	@Test
	void aShorterOwnTtlIsReadAgainOncePast() {
		CachingSecretStore store = store(Duration.ofSeconds(10));
		store.read(DB);
		this.value.set("two");
		advance(Duration.ofSeconds(11));
		assertThat(store.read(DB).data().getString("value")).isEqualTo("two");
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void aLongerOwnTtlDoesNotKeepTheSecretLongerThanTheCacheTtl() {
		CachingSecretStore store = store(Duration.ofHours(1));
		store.read(DB);
		this.value.set("two");
		advance(Duration.ofSeconds(49));
		assertThat(store.read(DB).data().getString("value")).isEqualTo("one");
		advance(Duration.ofSeconds(6));
		store.read(DB);
		assertThat(this.reads).hasValue(2);
		assertThat(store.read(DB).data().getString("value")).isEqualTo("two");
	}

}
