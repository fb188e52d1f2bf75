package dev.vaultkv.kv;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import dev.vaultkv.client.VaultClient;

/**
 * The {@link KvTemplate}s of one client, one per mount and namespace, created on first use. They
 * share the given {@link KvMountResolver}, or in another namespace its
 * {@linkplain KvMountResolver#inNamespace(String) resolver for that namespace}, and send every request
 * of another namespace there.
 *
 * @since 0.1.0
 */
public final class KvTemplates {

	private final VaultClient client;

	private final KvMountResolver mountResolver;

	private final JsonMapper jsonMapper;

	private final boolean patchFallback;

	private final Map<String, KvOperations> templates = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param client the client
	 * @param mountResolver the resolver of the mounts in the client's namespace
	 * @param jsonMapper the mapper of the templates
	 */
	public KvTemplates(VaultClient client, KvMountResolver mountResolver, JsonMapper jsonMapper) {
		this(client, mountResolver, jsonMapper, false);
	}

	/**
	 * Create a new instance.
	 * @param client the client
	 * @param mountResolver the resolver of the mounts in the client's namespace
	 * @param jsonMapper the mapper of the templates
	 * @param patchFallback whether the templates patch by read, merge and write where the server cannot
	 * patch (see {@link KvTemplate#withPatchFallback(boolean)})
	 */
	public KvTemplates(VaultClient client, KvMountResolver mountResolver, JsonMapper jsonMapper,
			boolean patchFallback) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(mountResolver, "'mountResolver' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.client = client;
		this.mountResolver = mountResolver;
		this.jsonMapper = jsonMapper;
		this.patchFallback = patchFallback;
	}

	/**
	 * Use an existing template for its mount in the client's namespace.
	 * @param operations the template
	 */
	public void add(KvOperations operations) {
		Assert.notNull(operations, "'operations' must not be null");
		this.templates.putIfAbsent(key(operations.getMount(), null), operations);
	}

	/**
	 * Return the template of a mount.
	 * @param mount the mount, without slashes
	 * @param namespace the namespace ({@code ""} for the root namespace), or {@code null} for the client's
	 * @return the template
	 */
	public KvOperations get(String mount, @Nullable String namespace) {
		Assert.hasText(mount, "'mount' must not be empty");
		return this.templates.computeIfAbsent(key(mount, namespace), (key) -> {
			KvTemplate template = (namespace != null)
					? new KvTemplate(this.client.inNamespace(namespace), mount,
							this.mountResolver.inNamespace(namespace), this.jsonMapper)
					: new KvTemplate(this.client, mount, this.mountResolver, this.jsonMapper);
			return template.withPatchFallback(this.patchFallback);
		});
	}

	private static String key(String mount, @Nullable String namespace) {
		return (namespace != null) ? namespace + "\u0000" + mount : mount;
	}

}
