package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.vaultkv.embedded.auth.SecretIdStore.SecretIdEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretIdStoreTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final SecretIdStore store = new SecretIdStore();

	@Test
	void limitedUseSecretIdIsDeletedWithItsLastUse() {
		SecretIdEntry entry = register("s1", 2, Duration.ZERO);
		assertThat(this.store.consume("s1", T0).numUses()).isEqualTo(2);
		assertThat(this.store.lookup("s1", T0).numUses()).isEqualTo(1);
		assertThat(this.store.consume("s1", T0)).isNotNull();
		assertThat(this.store.consume("s1", T0)).isNull();
		assertThat(this.store.lookupByAccessor(entry.accessor(), T0)).isNull();
		assertThat(this.store.accessors(T0)).isEmpty();
	}

	@Test
	void unlimitedSecretIdStays() {
		register("s1", 0, Duration.ZERO);
		for (int i = 0; i < 5; i++) {
			assertThat(this.store.consume("s1", T0)).isNotNull();
		}
		assertThat(this.store.lookup("s1", T0).numUses()).isZero();
	}

	@Test
	void secretIdExpiresByTheGivenClock() {
		SecretIdEntry entry = register("s1", 0, Duration.ofMinutes(10));
		assertThat(entry.expirationTime()).isEqualTo(T0.plusSeconds(600));
		assertThat(this.store.consume("s1", T0.plusSeconds(599))).isNotNull();
		assertThat(this.store.consume("s1", T0.plusSeconds(600))).isNull();
		assertThat(this.store.lookup("s1", T0)).isNull();
	}

	@Test
	void destroyByValueOrAccessor() {
		SecretIdEntry first = register("s1", 0, Duration.ZERO);
		register("s2", 0, Duration.ZERO);
		assertThat(this.store.accessors(T0)).hasSize(2);
		assertThat(this.store.destroy("s2")).isTrue();
		assertThat(this.store.destroyByAccessor(first.accessor())).isTrue();
		assertThat(this.store.destroyByAccessor(first.accessor())).isFalse();
		assertThat(this.store.consume("s1", T0)).isNull();
		assertThat(this.store.consume("s2", T0)).isNull();
	}

	@Test
	void duplicateSecretIdIsRejected() {
		register("s1", 0, Duration.ZERO);
		assertThatIllegalStateException().isThrownBy(() -> register("s1", 0, Duration.ZERO))
			.withMessage("SecretID is already registered");
	}

	private SecretIdEntry register(String secretId, int numUses, Duration ttl) {
		return this.store.register(secretId, numUses, ttl, Map.of("k", "v"), List.of(), List.of(), T0);
	}

}
