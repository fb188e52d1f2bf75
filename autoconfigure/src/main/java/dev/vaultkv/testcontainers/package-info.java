/**
 * Testcontainers service connection support for Vault and OpenBao containers.
 */
@NullMarked
package dev.vaultkv.testcontainers;

import org.jspecify.annotations.NullMarked;
