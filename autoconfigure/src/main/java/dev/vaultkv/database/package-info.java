/**
 * Database credentials from Vault's database secrets engine: dynamic roles (leases renewed, and replaced
 * before they reach their maximum TTL) and static roles (re-read when Vault rotates the password), fed to
 * the environment and, on change, to the components that use them.
 */
@NullMarked
package dev.vaultkv.database;

import org.jspecify.annotations.NullMarked;
