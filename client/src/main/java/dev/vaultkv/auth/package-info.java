/**
 * Login methods and the session manager that keeps the client's token valid.
 */
@NullMarked
package dev.vaultkv.auth;

import org.jspecify.annotations.NullMarked;
