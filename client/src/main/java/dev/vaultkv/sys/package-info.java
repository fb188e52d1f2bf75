/**
 * System operations beside KV: health, seal status, mounts, auth mounts, policies and response wrapping.
 */
@NullMarked
package dev.vaultkv.sys;

import org.jspecify.annotations.NullMarked;
