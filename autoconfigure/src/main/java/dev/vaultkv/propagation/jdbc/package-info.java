/**
 * HikariCP connection pools that follow the Vault secret their database credentials come from.
 */
@NullMarked
package dev.vaultkv.propagation.jdbc;

import org.jspecify.annotations.NullMarked;
