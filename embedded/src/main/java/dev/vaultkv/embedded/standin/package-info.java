/**
 * In-process stand-ins for the cloud services Vault's auth methods rely on (AWS STS, the EC2 instance
 * metadata service), for tests of login methods that must not reach the real cloud.
 */
@NullMarked
package dev.vaultkv.embedded.standin;

import org.jspecify.annotations.NullMarked;
