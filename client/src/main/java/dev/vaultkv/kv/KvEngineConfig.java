package dev.vaultkv.kv;

import java.time.Duration;

/**
 * Configuration of a KV v2 mount ({@code <mount>/config}).
 *
 * @param maxVersions the number of versions kept per key, 0 for Vault's default (10)
 * @param casRequired whether every write must carry a check-and-set version
 * @param deleteVersionAfter how long after writing a version is soft-deleted, zero for never
 * @since 0.1.0
 */
public record KvEngineConfig(int maxVersions, boolean casRequired, Duration deleteVersionAfter) {

}
