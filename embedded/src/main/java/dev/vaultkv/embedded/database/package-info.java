/**
 * The {@code database} secrets engine of the embedded server: connection configurations, dynamic roles with
 * leased credentials, static roles rotated on the server clock, and root rotation, for PostgreSQL, MySQL and
 * MariaDB (the {@code mysql*-database-plugin}s) and H2 (the vaultkv-only {@code h2-database-plugin}), over
 * JDBC drivers found on the class path.
 */
@NullMarked
package dev.vaultkv.embedded.database;

import org.jspecify.annotations.NullMarked;
