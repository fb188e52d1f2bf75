/**
 * Auto-configuration of vaultkv's Micrometer metrics.
 */
@NullMarked
package dev.vaultkv.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
