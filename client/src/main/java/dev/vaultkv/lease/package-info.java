/**
 * Leased secrets (database credentials and other dynamic secrets) and Vault's lease API: read, renew,
 * revoke, look up.
 */
@NullMarked
package dev.vaultkv.lease;

import org.jspecify.annotations.NullMarked;
