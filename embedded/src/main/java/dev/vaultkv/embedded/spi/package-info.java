/**
 * Internal SPI between the embedded server core and its secret engines and auth methods; not a supported
 * API.
 */
@NullMarked
package dev.vaultkv.embedded.spi;

import org.jspecify.annotations.NullMarked;
