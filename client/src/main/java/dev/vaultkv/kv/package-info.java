/**
 * Key-value secrets engine operations, versions 1 and 2.
 */
@NullMarked
package dev.vaultkv.kv;

import org.jspecify.annotations.NullMarked;
