package dev.vaultkv.propagation;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.secret.SecretLocation;

/**
 * What a {@link SecretConsumer} follows and how its last applications went; never a value.
 *
 * @param name the consumer's name
 * @param appliedVersions per secret followed, the version last applied ({@code 0} on KV version 1 or when
 * absent)
 * @param applications how many changes were applied
 * @param lastAppliedAt when a change was last applied, or {@code null}
 * @param failures how many applications failed
 * @param lastFailure the type of the last failure, or {@code null}
 * @param lastFailureAt when an application last failed, or {@code null}
 * @param failing whether the last application of some secret failed and is still to be retried
 * @since 0.1.0
 */
public record SecretConsumerStatus(String name, Map<SecretLocation, Long> appliedVersions, long applications,
		@Nullable Instant lastAppliedAt, long failures, @Nullable String lastFailure, @Nullable Instant lastFailureAt,
		boolean failing) {

}
