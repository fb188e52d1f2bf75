/**
 * The injectable KV operations bean: cached reads through the shared secret store, writes that keep the
 * cache consistent, tenant-scoped views, scoped key-value maps and rotation polling.
 */
@NullMarked
package dev.vaultkv.operations;

import org.jspecify.annotations.NullMarked;
