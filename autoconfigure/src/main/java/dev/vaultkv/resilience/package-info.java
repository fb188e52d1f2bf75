/**
 * Retry of transient Vault failures.
 */
@NullMarked
package dev.vaultkv.resilience;

import org.jspecify.annotations.NullMarked;
