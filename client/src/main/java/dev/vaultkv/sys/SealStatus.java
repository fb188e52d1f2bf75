package dev.vaultkv.sys;

import org.jspecify.annotations.Nullable;

/**
 * Seal status of a Vault node, from {@code sys/seal-status}.
 *
 * @param type the seal type ({@code shamir}, {@code awskms}...)
 * @param initialized whether Vault is initialized
 * @param sealed whether Vault is sealed
 * @param threshold the number of key shares needed to unseal
 * @param shares the number of key shares
 * @param progress the number of key shares given so far
 * @param nonce the nonce of the current unseal attempt, or {@code ""}
 * @param version the server version
 * @param buildDate the build date (Vault) or commit date (OpenBao), or {@code null}
 * @param migration whether a seal migration is in progress
 * @param recoverySeal whether the seal uses recovery keys
 * @param storageType the storage backend type, or {@code null}
 * @param clusterName the cluster name, or {@code null} while sealed
 * @param clusterId the cluster id, or {@code null} while sealed
 * @since 0.1.0
 */
public record SealStatus(String type, boolean initialized, boolean sealed, int threshold, int shares, int progress,
		String nonce, String version, @Nullable String buildDate, boolean migration, boolean recoverySeal,
		@Nullable String storageType, @Nullable String clusterName, @Nullable String clusterId) {

}
