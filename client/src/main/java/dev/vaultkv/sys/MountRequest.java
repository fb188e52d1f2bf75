package dev.vaultkv.sys;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.kv.KvVersion;

/**
 * What to mount: a secrets engine ({@code sys/mounts}) or an auth method ({@code sys/auth}).
 *
 * @param type the engine or method type
 * @param description the description, or {@code null}
 * @param options the mount options
 * @param defaultLeaseTtl the default lease TTL, or {@code null} for the system default
 * @param maxLeaseTtl the maximum lease TTL, or {@code null} for the system default
 * @param local whether the mount is local to the cluster (not replicated)
 * @param sealWrap whether seal wrapping is enabled
 * @since 0.1.0
 */
public record MountRequest(String type, @Nullable String description, Map<String, String> options,
		@Nullable Duration defaultLeaseTtl, @Nullable Duration maxLeaseTtl, boolean local, boolean sealWrap) {

	/**
	 * Create a new instance.
	 */
	public MountRequest {
		Assert.hasText(type, "'type' must not be empty");
		options = Map.copyOf(options);
	}

	/**
	 * Return a request for a mount of the given type with default settings.
	 * @param type the engine or method type
	 * @return the request
	 */
	public static MountRequest of(String type) {
		return new MountRequest(type, null, Map.of(), null, null, false, false);
	}

	/**
	 * Return a request for a key-value engine of the given version.
	 * @param version the KV version
	 * @return the request
	 */
	public static MountRequest kv(KvVersion version) {
		Assert.notNull(version, "'version' must not be null");
		return of("kv").withOption("version", (version == KvVersion.V2) ? "2" : "1");
	}

	/**
	 * Return a copy with a description.
	 * @param description the description
	 * @return the new request
	 */
	public MountRequest withDescription(String description) {
		return new MountRequest(this.type, description, this.options, this.defaultLeaseTtl, this.maxLeaseTtl,
				this.local, this.sealWrap);
	}

	/**
	 * Return a copy with an option added.
	 * @param name the option name
	 * @param value the option value
	 * @return the new request
	 */
	public MountRequest withOption(String name, String value) {
		Map<String, String> options = new LinkedHashMap<>(this.options);
		options.put(name, value);
		return new MountRequest(this.type, this.description, options, this.defaultLeaseTtl, this.maxLeaseTtl,
				this.local, this.sealWrap);
	}

	/**
	 * Return a copy with lease TTLs.
	 * @param defaultLeaseTtl the default lease TTL, or {@code null}
	 * @param maxLeaseTtl the maximum lease TTL, or {@code null}
	 * @return the new request
	 */
	public MountRequest withLeaseTtls(@Nullable Duration defaultLeaseTtl, @Nullable Duration maxLeaseTtl) {
		return new MountRequest(this.type, this.description, this.options, defaultLeaseTtl, maxLeaseTtl, this.local,
				this.sealWrap);
	}

	/**
	 * Return a copy that is local to the cluster, or not.
	 * @param local whether the mount is local
	 * @return the new request
	 */
	public MountRequest withLocal(boolean local) {
		return new MountRequest(this.type, this.description, this.options, this.defaultLeaseTtl, this.maxLeaseTtl,
				local, this.sealWrap);
	}

}
