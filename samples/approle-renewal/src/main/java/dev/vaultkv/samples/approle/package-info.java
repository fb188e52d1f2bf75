/**
 * A sample application logging in to Vault with AppRole and a short-lived token, to watch renewal and re-login.
 */
@NullMarked
package dev.vaultkv.samples.approle;

import org.jspecify.annotations.NullMarked;
