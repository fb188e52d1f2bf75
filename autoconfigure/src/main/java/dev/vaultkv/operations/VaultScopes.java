package dev.vaultkv.operations;

import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * The scoped key-value maps of a running application: {@link #application()}, shared by every instance
 * of the application, and {@link #instance()}, this instance's own. Both live on one mount at paths
 * derived from the application name and the instance id.
 * <p>
 * {@link #close()} (called when the application context closes) marks the values of each map this object
 * used as seen, unless that is switched off; an instance whose id was {@link InstanceId#random() random}
 * instead deletes its instance map and its recorded digests, which no later instance could find again.
 *
 * @since 0.1.0
 */
public class VaultScopes {

	private static final Logger logger = LoggerFactory.getLogger(VaultScopes.class);

	private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*");

	private final VaultKvOperations operations;

	private final String applicationName;

	private final InstanceId instanceId;

	private final boolean markSeenOnClose;

	private final ScopedSecretMap application;

	private final ScopedSecretMap instance;

	/**
	 * Create a new instance.
	 * @param operations the operations on the mount holding the maps
	 * @param jsonMapper the mapper converting values to and from JSON
	 * @param applicationName the application name
	 * @param instanceId the instance id
	 * @param paths the path templates
	 * @param maxAttempts the maximum number of check-and-set attempts of a change
	 * @param markSeenOnClose whether {@link #close()} marks the values of the maps used as seen
	 */
	public VaultScopes(VaultKvOperations operations, JsonMapper jsonMapper, String applicationName,
			InstanceId instanceId, ScopePaths paths, int maxAttempts, boolean markSeenOnClose) {
		Assert.notNull(operations, "'operations' must not be null");
		Assert.notNull(instanceId, "'instanceId' must not be null");
		Assert.notNull(paths, "'paths' must not be null");
		this.operations = operations;
		this.applicationName = checkSegment("spring.application.name", applicationName);
		checkSegment("vault.scopes.instance-id", instanceId.value());
		this.instanceId = instanceId;
		this.markSeenOnClose = markSeenOnClose;
		String appPath = expand(paths.application());
		String ownPath = expand(paths.instance());
		String hashes = expand(paths.hashes());
		hashes = hashes.endsWith("/") ? hashes : hashes + "/";
		String appHashes = hashes + "application";
		String ownHashes = hashes + "instance";
		Assert.isTrue(!appPath.equals(ownPath),
				"vault.scopes.application-path and vault.scopes.instance-path must differ");
		Assert.isTrue(Set.of(appPath, ownPath, appHashes, ownHashes).size() == 4,
				"vault.scopes.hashes-path must not name the application or instance map");
		this.application = new ScopedSecretMap(operations, jsonMapper, appPath, appHashes, maxAttempts);
		this.instance = new ScopedSecretMap(operations, jsonMapper, ownPath, ownHashes, maxAttempts);
	}

	/**
	 * Create a new instance with the default digest folder, a stable instance id, the shared
	 * {@link JsonMapper} and without marking values seen on close.
	 * @param operations the operations on the mount holding the maps
	 * @param applicationName the application name
	 * @param instanceId the instance id
	 * @param applicationPath the application map's path template ({@code {application}})
	 * @param instancePath the instance map's path template ({@code {application}}, {@code {instance}})
	 * @param maxAttempts the maximum number of check-and-set attempts of a change
	 */
	public VaultScopes(VaultKvOperations operations, String applicationName, String instanceId,
			String applicationPath, String instancePath, int maxAttempts) {
		this(operations, JsonMapper.shared(), applicationName, InstanceId.of(instanceId),
				new ScopePaths(applicationPath, instancePath, ScopePaths.DEFAULT_HASHES), maxAttempts, false);
	}

	/**
	 * Return the map shared by every instance of the application.
	 * @return the application map
	 */
	public ScopedSecretMap application() {
		return this.application;
	}

	/**
	 * Return this instance's own map.
	 * @return the instance map
	 */
	public ScopedSecretMap instance() {
		return this.instance;
	}

	/**
	 * Return the application name.
	 * @return the application name
	 */
	public String getApplicationName() {
		return this.applicationName;
	}

	/**
	 * Return this instance's id.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId.value();
	}

	/**
	 * Return whether this instance's id was generated at random.
	 * @return whether the id is random
	 */
	public boolean isInstanceIdRandom() {
		return this.instanceId.random();
	}

	/**
	 * Finish with the maps: with a random instance id, delete the instance map and the recorded digests
	 * (of the maps used); otherwise, when enabled, mark the values of each map used as seen. Failures are
	 * logged, not thrown, so that they never stop a shutdown.
	 */
	public void close() {
		if (this.instanceId.random()) {
			if (this.instance.isUsed()) {
				deleteQuietly(this.instance.getPath());
				deleteQuietly(this.instance.getHashesPath());
			}
			if (this.application.isUsed()) {
				deleteQuietly(this.application.getHashesPath());
			}
			return;
		}
		if (this.markSeenOnClose) {
			markSeenQuietly(this.application);
			markSeenQuietly(this.instance);
		}
	}

	private void markSeenQuietly(ScopedSecretMap map) {
		if (!map.isUsed()) {
			return;
		}
		try {
			map.markAllSeen();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not mark the values of the scoped map at '{}' seen on close: {}", map.getPath(),
					ex.getMessage());
			logger.debug("Marking seen failed", ex);
		}
	}

	private void deleteQuietly(String path) {
		try {
			this.operations.deleteMetadata(path);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete '{}' of the randomly named instance '{}' on close: {}", path,
					this.instanceId, ex.getMessage());
			logger.debug("Deletion failed", ex);
		}
	}

	private String expand(String template) {
		return template.replace("{application}", this.applicationName)
			.replace("{instance}", this.instanceId.value());
	}

	private static String checkSegment(String property, String value) {
		if (value == null || !SAFE_SEGMENT.matcher(value).matches()) {
			throw new IllegalArgumentException("Invalid " + property + " '" + value
					+ "' for a Vault path segment: use letters, digits, '.', '_' and '-', not starting with '.'");
		}
		return value;
	}

}
