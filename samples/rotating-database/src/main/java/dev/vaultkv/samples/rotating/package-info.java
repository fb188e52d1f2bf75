/**
 * A sample application whose HikariCP pool keeps serving queries while the database password behind it is
 * rotated in Vault and in the database.
 */
@NullMarked
package dev.vaultkv.samples.rotating;

import org.jspecify.annotations.NullMarked;
