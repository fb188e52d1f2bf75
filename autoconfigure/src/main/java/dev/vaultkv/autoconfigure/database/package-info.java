/**
 * Auto-configuration of database credentials from Vault's database secrets engine.
 */
@NullMarked
package dev.vaultkv.autoconfigure.database;

import org.jspecify.annotations.NullMarked;
