/**
 * Secret references, the shared secret cache, {@code @Secret} injection and live secret handles.
 */
@NullMarked
package dev.vaultkv.secret;

import org.jspecify.annotations.NullMarked;
