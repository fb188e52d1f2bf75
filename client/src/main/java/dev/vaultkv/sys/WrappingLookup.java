package dev.vaultkv.sys;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What Vault tells about a wrapping token without unwrapping it ({@code sys/wrapping/lookup}).
 *
 * @param creationPath the path whose answer was wrapped
 * @param creationTime when the wrapping token was created, or {@code null}
 * @param creationTtl the wrapping token's TTL
 * @since 0.1.0
 */
public record WrappingLookup(String creationPath, @Nullable Instant creationTime, Duration creationTtl) {

}
