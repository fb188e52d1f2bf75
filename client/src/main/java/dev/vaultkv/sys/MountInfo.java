package dev.vaultkv.sys;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.kv.KvVersion;

/**
 * A secrets engine or auth method mount.
 *
 * @param path the mount path, without slashes at its ends
 * @param type the engine or method type ({@code kv}, {@code approle}...)
 * @param description the description, possibly empty
 * @param accessor the mount accessor
 * @param local whether the mount is local to the cluster (not replicated)
 * @param sealWrap whether seal wrapping is enabled
 * @param options the mount options ({@code version} for KV)
 * @param config the mount configuration
 * @since 0.1.0
 */
public record MountInfo(String path, String type, String description, String accessor, boolean local,
		boolean sealWrap, Map<String, String> options, MountConfig config) {

	/**
	 * Create a new instance.
	 */
	public MountInfo {
		options = Map.copyOf(options);
	}

	/**
	 * Return the KV version of a key-value mount.
	 * @return the version, or {@code null} when the mount is not a key-value engine
	 */
	public @Nullable KvVersion kvVersion() {
		if (!this.type.equals("kv") && !this.type.equals("generic")) {
			return null;
		}
		return "2".equals(this.options.get("version")) ? KvVersion.V2 : KvVersion.V1;
	}

}
