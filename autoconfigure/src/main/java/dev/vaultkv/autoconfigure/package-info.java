/**
 * Spring Boot auto-configuration for vaultkv: properties, connection details and the beans they build.
 */
@NullMarked
package dev.vaultkv.autoconfigure;

import org.jspecify.annotations.NullMarked;
