/**
 * In-process stand-ins for the outside services some Vault auth methods call, such as
 * {@link dev.vaultkv.embedded.standin.GitHubApiStandIn}: small HTTP servers on 127.0.0.1 that tests point the
 * embedded server's (or a real Vault's) auth method configuration at.
 */
@NullMarked
package dev.vaultkv.embedded.standin;

import org.jspecify.annotations.NullMarked;
