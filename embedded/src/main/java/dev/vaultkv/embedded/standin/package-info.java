/**
 * In-process stand-ins for the outside services Vault's auth methods call (AWS STS, the EC2 instance metadata
 * service, the GitHub API, Google's and Azure's metadata services, identity providers and APIs): small HTTP
 * servers on 127.0.0.1 that tests point the embedded server's (or a real Vault's) auth method configuration at,
 * so that login methods are tested without reaching the real services.
 */
@NullMarked
package dev.vaultkv.embedded.standin;

import org.jspecify.annotations.NullMarked;
