package dev.vaultkv.propagation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.vaultkv.kv.SecretData;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReadTrace;
import dev.vaultkv.secret.SecretStore;

import static org.assertj.core.api.Assertions.assertThat;

class SecretBackedPropertiesTests {

	private static final SecretLocation LOCATION = new SecretLocation("secret", "app/redis", 0);

	private final OneSecretStore store = new OneSecretStore(secret(1, "u1", "p1"));

	private final StandardEnvironment environment = new StandardEnvironment();

	SecretBackedPropertiesTests() {
		this.environment.getPropertySources().addFirst(new SecretPropertySource(this.store));
		this.environment.getPropertySources()
			.addLast(new MapPropertySource("application", Map.of("redis.username", "${secret.username}",
					"redis.password", "${secret.password}", "redis.host", "localhost")));
	}

	@Test
	void resolvesValuesAndTheSecretsTheyRead() {
		SecretBackedProperties properties = new SecretBackedProperties(this.environment, this.store);
		SecretBackedProperties.Resolved resolved = properties.resolve(List.of("redis.username", "redis.password"));
		assertThat(resolved.values()).containsEntry("redis.username", "u1").containsEntry("redis.password", "p1");
		assertThat(resolved.locations()).containsExactly(LOCATION);
		assertThat(resolved.toString()).doesNotContain("p1");
		SecretBackedProperties.Resolved plain = properties.resolve(List.of("redis.host"));
		assertThat(plain.get("redis.host")).isEqualTo("localhost");
		assertThat(plain.locations()).isEmpty();
	}

	@Test
	void aSecretReplacedBetweenTwoPropertiesIsReadAgainSoThatThePairIsOneVersion() {
		SecretBackedProperties properties = new SecretBackedProperties(this.environment, this.store);
		// the rotation lands between the user name and the password of the first read
		this.store.replaceAfterReads(1, secret(2, "u2", "p2"));
		SecretBackedProperties.Resolved resolved = properties.resolve(List.of("redis.username", "redis.password"));
		assertThat(resolved.values()).containsEntry("redis.username", "u2").containsEntry("redis.password", "p2");
	}

	@Test
	void withoutTheStoreEachPropertyIsReadOnce() {
		SecretBackedProperties properties = new SecretBackedProperties(this.environment);
		this.store.replaceAfterReads(1, secret(2, "u2", "p2"));
		SecretBackedProperties.Resolved resolved = properties.resolve(List.of("redis.username", "redis.password"));
		assertThat(resolved.values()).containsEntry("redis.username", "u1").containsEntry("redis.password", "p2");
	}

	private static VersionedSecret secret(long version, String username, String password) {
		return new VersionedSecret(SecretData.of(Map.of("username", username, "password", password)),
				new VersionMetadata(version, null, null, false, Map.of()));
	}

	/**
	 * Serves {@code secret.<key>} from the store's one secret and records the read, as the Vault property
	 * sources do.
	 */
	static final class SecretPropertySource extends PropertySource<OneSecretStore> {

		SecretPropertySource(OneSecretStore store) {
			super("secret", store);
		}

		@Override
		public @Nullable Object getProperty(String name) {
			if (!name.startsWith("secret.")) {
				return null;
			}
			SecretReadTrace.record(LOCATION);
			VersionedSecret secret = getSource().read(LOCATION);
			return (secret != null) ? secret.data().getString(name.substring("secret.".length())) : null;
		}

	}

	/**
	 * Holds one secret; can replace it after a number of reads, as a rotation racing with them would.
	 */
	static final class OneSecretStore implements SecretStore {

		private final AtomicReference<VersionedSecret> secret;

		private final AtomicInteger readsBeforeReplacement = new AtomicInteger(-1);

		private volatile @Nullable VersionedSecret replacement;

		OneSecretStore(VersionedSecret secret) {
			this.secret = new AtomicReference<>(secret);
		}

		void replaceAfterReads(int reads, VersionedSecret replacement) {
			this.replacement = replacement;
			this.readsBeforeReplacement.set(reads);
		}

		@Override
		public @Nullable VersionedSecret read(SecretLocation location) {
			VersionedSecret current = this.secret.get();
			VersionedSecret next = this.replacement;
			if (next != null && this.readsBeforeReplacement.getAndDecrement() == 1) {
				this.secret.set(next);
			}
			return current;
		}

		@Override
		public @Nullable VersionedSecret getIfCached(SecretLocation location) {
			return this.secret.get();
		}

		@Override
		public void prefetch(Collection<SecretLocation> locations) {
		}

		@Override
		public void invalidate(SecretLocation location) {
		}

		@Override
		public void invalidateAll() {
		}

		@Override
		public Set<SecretLocation> getStaleLocations() {
			return Set.of();
		}

	}

}
