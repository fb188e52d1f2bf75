/**
 * Low-level Vault HTTP client: requests, responses, tokens and the exception hierarchy.
 */
@NullMarked
package dev.vaultkv.client;

import org.jspecify.annotations.NullMarked;
