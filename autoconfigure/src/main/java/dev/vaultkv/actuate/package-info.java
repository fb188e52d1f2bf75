/**
 * The {@code vault} actuator endpoint: connection, token state, KV mounts and secrets in use, never a
 * value.
 */
@NullMarked
package dev.vaultkv.actuate;

import org.jspecify.annotations.NullMarked;
