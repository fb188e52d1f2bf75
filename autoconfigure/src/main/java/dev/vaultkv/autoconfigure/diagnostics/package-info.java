/**
 * Failure analyzers that turn Vault startup failures into a description and the fix.
 */
@NullMarked
package dev.vaultkv.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
