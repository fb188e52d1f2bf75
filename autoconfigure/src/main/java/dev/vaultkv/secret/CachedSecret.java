package dev.vaultkv.secret;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the secret store holds for a location, without any value: for the actuator endpoint.
 *
 * @param location the location
 * @param present whether the secret exists in Vault
 * @param version the version read, or {@code null} for KV version 1 or an absent secret
 * @param keys the names of the secret's keys
 * @param age how long ago the value was read from Vault
 * @param stale whether the value is served past its time to live because Vault could not be read
 * @param sources the ways in that read it (placeholder, config data, {@code @Secret}, API)
 * @since 0.1.0
 */
public record CachedSecret(SecretLocation location, boolean present, @Nullable Long version, Set<String> keys,
		Duration age, boolean stale, Set<SecretSource> sources) {

}
