/**
 * JMH benchmarks and load programs that measure vaultkv against baselines taken in the same run.
 */
@NullMarked
package dev.vaultkv.benchmarks;

import org.jspecify.annotations.NullMarked;
