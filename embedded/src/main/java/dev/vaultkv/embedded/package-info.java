/**
 * An in-process, Vault-compatible HTTP dev server for development and tests: {@link
 * dev.vaultkv.embedded.EmbeddedVaultServer}, its JUnit extension and its command-line entry point.
 */
@NullMarked
package dev.vaultkv.embedded;

import org.jspecify.annotations.NullMarked;
