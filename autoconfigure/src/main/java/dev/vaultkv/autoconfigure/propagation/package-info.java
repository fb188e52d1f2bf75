/**
 * Auto-configuration of the propagation of changed secrets to the components that use them.
 */
@NullMarked
package dev.vaultkv.autoconfigure.propagation;

import org.jspecify.annotations.NullMarked;
