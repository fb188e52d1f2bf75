package dev.vaultkv.propagation.jdbc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class SecretKeyMatchTests {

	private static final SecretLocation DB = new SecretLocation("secret", "app/db", 0);

	private static final SecretLocation OTHER = new SecretLocation("secret", "app/other", 0);

	private final CachedSecrets store = new CachedSecrets();

	@Test
	void followsTheOnlyKeyHoldingThePasswordAndTheKeyHoldingTheUserName() {
		this.store.put(DB, Map.of("user", "app", "pass", "s3cr3t", "port", 5432));
		this.store.put(OTHER, Map.of("token", "t0ken"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isEqualTo(new SecretKeyMatch(DB, "pass", "user"));
	}

	@Test
	void followsThePasswordAloneWhenTheUserNameIsInNoOtherKey() {
		this.store.put(DB, Map.of("password", "s3cr3t"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isEqualTo(new SecretKeyMatch(DB, "password", null));
	}

	@Test
	void followsNothingWhenNoKeyHoldsThePassword() {
		this.store.put(DB, Map.of("username", "app", "password", "other"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isNull();
	}

	@Test
	void prefersTheSecretThatAlsoHoldsTheUserName() {
		this.store.put(DB, Map.of("username", "app", "password", "s3cr3t"));
		this.store.put(OTHER, Map.of("legacy", "s3cr3t"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t"))
			.isEqualTo(new SecretKeyMatch(DB, "password", "username"));
	}

	@Test
	void followsNothingWhenSeveralKeysHoldThePasswordAndTheUserNameDoesNotTellThemApart() {
		this.store.put(DB, Map.of("username", "app", "password", "s3cr3t"));
		this.store.put(OTHER, Map.of("username", "app", "password", "s3cr3t"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isNull();
		this.store.clear();
		this.store.put(DB, Map.of("password", "s3cr3t", "previous", "s3cr3t"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isNull();
	}

	@Test
	void doesNotFollowAUserNameThatSeveralKeysHold() {
		this.store.put(DB, Map.of("username", "app", "owner", "app", "password", "s3cr3t"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isEqualTo(new SecretKeyMatch(DB, "password", null));
	}

	@Test
	void ignoresPinnedVersions() {
		this.store.put(new SecretLocation("secret", "app/db", 3), Map.of("password", "s3cr3t"));
		assertThat(SecretKeyMatch.find(this.store, "app", "s3cr3t")).isNull();
	}

	@Test
	void matchesTheTextOfOtherValues() {
		this.store.put(DB, Map.of("username", "app", "pin", 1234));
		assertThat(SecretKeyMatch.find(this.store, "app", "1234")).isEqualTo(new SecretKeyMatch(DB, "pin", "username"));
	}

	/**
	 * A store whose cache holds what a test puts in it.
	 */
	static final class CachedSecrets implements SecretStore {

		private final Map<SecretLocation, VersionedSecret> secrets = new LinkedHashMap<>();

		void put(SecretLocation location, Map<String, ?> data) {
			this.secrets.put(location, new VersionedSecret(SecretData.of(data), null));
		}

		void clear() {
			this.secrets.clear();
		}

		@Override
		public @Nullable VersionedSecret read(SecretLocation location) {
			return this.secrets.get(location);
		}

		@Override
		public void prefetch(Collection<SecretLocation> locations) {
		}

		@Override
		public void invalidate(SecretLocation location) {
			this.secrets.remove(location);
		}

		@Override
		public void invalidateAll() {
			this.secrets.clear();
		}

		@Override
		public Set<SecretLocation> getStaleLocations() {
			return Set.of();
		}

		@Override
		public Set<SecretLocation> getCachedLocations() {
			return Set.copyOf(this.secrets.keySet());
		}

		@Override
		public @Nullable VersionedSecret getIfCached(SecretLocation location) {
			return this.secrets.get(location);
		}

	}

}
