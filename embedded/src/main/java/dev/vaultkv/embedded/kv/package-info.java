/**
 * The KV secrets engines (version 1 and 2) of the embedded Vault-compatible server.
 */
@NullMarked
package dev.vaultkv.embedded.kv;

import org.jspecify.annotations.NullMarked;
