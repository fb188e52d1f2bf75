/**
 * What another component needs to reach the same secrets (Vault's address, the KV mount, the AppRole
 * login) and events for changed login credentials.
 */
@NullMarked
package dev.vaultkv.connection;

import org.jspecify.annotations.NullMarked;
