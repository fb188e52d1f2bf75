/**
 * Auto-configuration of the Vault connection export and of the watch on the AppRole secret ID file.
 */
@NullMarked
package dev.vaultkv.autoconfigure.connection;

import org.jspecify.annotations.NullMarked;
