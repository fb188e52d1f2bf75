/**
 * Vault auth methods of the embedded server (AppRole, userpass, Kubernetes, JWT, TLS certificates) and
 * {@link dev.vaultkv.embedded.auth.JwtMinter}, a helper that signs JWTs for tests.
 */
@NullMarked
package dev.vaultkv.embedded.auth;

import org.jspecify.annotations.NullMarked;
