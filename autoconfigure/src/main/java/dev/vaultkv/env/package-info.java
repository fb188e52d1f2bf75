/**
 * Secrets in the Spring {@code Environment}: the {@code ${vault:...}} property source and the
 * {@code spring.config.import=vault:...} config data support.
 */
@NullMarked
package dev.vaultkv.env;

import org.jspecify.annotations.NullMarked;
