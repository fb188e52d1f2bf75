package dev.vaultkv.operations;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * Published once when a secret in use gets a new version. Carries where and which keys changed, never a
 * value. Plain {@code String} fields injected with {@code @Secret} keep their value; read
 * {@link dev.vaultkv.secret.SecretValue} handles or the operations bean again, or react to this event.
 *
 * @since 0.1.0
 */
public class SecretChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final @Nullable String namespace;

	private final String mount;

	private final String path;

	private final Set<String> changedKeys;

	private final long oldVersion;

	private final long newVersion;

	/**
	 * Create a new instance for a secret in the client's namespace.
	 * @param source the object that detected the change
	 * @param mount the mount
	 * @param path the path inside the mount
	 * @param changedKeys the keys added, removed or changed
	 * @param oldVersion the version seen before, {@code 0} if none
	 * @param newVersion the current version, {@code 0} if the secret is gone or the mount is KV version 1
	 */
	public SecretChangedEvent(Object source, String mount, String path, Set<String> changedKeys, long oldVersion,
			long newVersion) {
		this(source, null, mount, path, changedKeys, oldVersion, newVersion);
	}

	/**
	 * Create a new instance.
	 * @param source the object that detected the change
	 * @param namespace the tenant namespace of the secret, or {@code null} for the client's
	 * @param mount the mount
	 * @param path the path inside the mount
	 * @param changedKeys the keys added, removed or changed
	 * @param oldVersion the version seen before, {@code 0} if none
	 * @param newVersion the current version, {@code 0} if the secret is gone or the mount is KV version 1
	 */
	public SecretChangedEvent(Object source, @Nullable String namespace, String mount, String path,
			Set<String> changedKeys, long oldVersion, long newVersion) {
		super(source);
		Assert.hasText(mount, "'mount' must not be empty");
		Assert.hasText(path, "'path' must not be empty");
		Assert.notNull(changedKeys, "'changedKeys' must not be null");
		this.namespace = namespace;
		this.mount = mount;
		this.path = path;
		this.changedKeys = Set.copyOf(changedKeys);
		this.oldVersion = oldVersion;
		this.newVersion = newVersion;
	}

	/**
	 * Return the tenant namespace of the secret.
	 * @return the namespace, or {@code null} for the client's
	 */
	public @Nullable String getNamespace() {
		return this.namespace;
	}

	/**
	 * Return the mount.
	 * @return the mount
	 */
	public String getMount() {
		return this.mount;
	}

	/**
	 * Return the path inside the mount.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the keys added, removed or changed.
	 * @return the keys
	 */
	public Set<String> getChangedKeys() {
		return this.changedKeys;
	}

	/**
	 * Return the version seen before the change.
	 * @return the old version, {@code 0} if none
	 */
	public long getOldVersion() {
		return this.oldVersion;
	}

	/**
	 * Return the current version.
	 * @return the new version, {@code 0} if the secret is gone or the mount is KV version 1
	 */
	public long getNewVersion() {
		return this.newVersion;
	}

	@Override
	public String toString() {
		return "SecretChangedEvent[" + ((this.namespace != null) ? "namespace " + this.namespace + ": " : "")
				+ this.mount + "//" + this.path + " " + this.oldVersion + "->" + this.newVersion + ", keys="
				+ this.changedKeys + "]";
	}

}
