package dev.vaultkv.sys;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The {@code config} of a secrets engine or auth method mount.
 *
 * @param defaultLeaseTtl the default lease TTL, zero for the system default
 * @param maxLeaseTtl the maximum lease TTL, zero for the system default
 * @param forceNoCache whether caching is disabled for the mount
 * @param listingVisibility the listing visibility ({@code unauth} or {@code hidden}), or {@code null}
 * @param tokenType the token type of an auth mount, or {@code null}
 * @since 0.1.0
 */
public record MountConfig(Duration defaultLeaseTtl, Duration maxLeaseTtl, boolean forceNoCache,
		@Nullable String listingVisibility, @Nullable String tokenType) {

}
