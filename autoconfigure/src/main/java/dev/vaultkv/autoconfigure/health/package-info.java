/**
 * Auto-configuration of the Vault health indicator.
 */
@NullMarked
package dev.vaultkv.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
