/**
 * Micrometer metrics of secret reads, the secret cache, the Vault token and retries.
 */
@NullMarked
package dev.vaultkv.metrics;

import org.jspecify.annotations.NullMarked;
