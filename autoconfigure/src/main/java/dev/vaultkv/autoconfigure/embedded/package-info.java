/**
 * Support for connecting to the embedded Vault-compatible dev server ({@code vault.embedded.enabled}).
 */
@NullMarked
package dev.vaultkv.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
