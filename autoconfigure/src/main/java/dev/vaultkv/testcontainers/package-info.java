/**
 * Testcontainers service connection support for Vault containers.
 */
@NullMarked
package dev.vaultkv.testcontainers;

import org.jspecify.annotations.NullMarked;
