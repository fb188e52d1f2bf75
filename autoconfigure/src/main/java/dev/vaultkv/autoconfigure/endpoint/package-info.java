/**
 * Auto-configuration of the {@code vault} actuator endpoint.
 */
@NullMarked
package dev.vaultkv.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
