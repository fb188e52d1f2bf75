/**
 * A cluster of embedded Vault nodes in one JVM: an active node, standbys and performance standbys sharing
 * one store, with replication lag, request forwarding, {@code X-Vault-Index} consistency headers and leader
 * elections on the server clock.
 */
@NullMarked
package dev.vaultkv.embedded.cluster;

import org.jspecify.annotations.NullMarked;
