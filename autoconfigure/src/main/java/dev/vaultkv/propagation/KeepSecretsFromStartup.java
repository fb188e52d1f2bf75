package dev.vaultkv.propagation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @ConfigurationProperties} class (or {@code @Bean} method) whose bean keeps the values
 * bound at startup: it is not rebound when a secret its properties come from changes.
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KeepSecretsFromStartup {

}
