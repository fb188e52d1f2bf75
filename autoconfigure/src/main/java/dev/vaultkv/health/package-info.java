/**
 * Vault health indicator for Spring Boot Actuator.
 */
@NullMarked
package dev.vaultkv.health;

import org.jspecify.annotations.NullMarked;
