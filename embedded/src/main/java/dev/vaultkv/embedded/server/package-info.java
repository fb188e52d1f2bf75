/**
 * Internals of the embedded Vault-compatible server: HTTP handling, routing, tokens, policies and system
 * endpoints.
 */
@NullMarked
package dev.vaultkv.embedded.server;

import org.jspecify.annotations.NullMarked;
