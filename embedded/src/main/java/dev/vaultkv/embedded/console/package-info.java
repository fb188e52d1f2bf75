/**
 * The embedded server's browser console at {@code /ui/}: static pages calling the Vault HTTP API, and the
 * dev-only endpoints under {@code /ui/api/} (request log, clock, faults) that Vault's API lacks.
 */
@NullMarked
package dev.vaultkv.embedded.console;

import org.jspecify.annotations.NullMarked;
