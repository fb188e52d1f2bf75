package dev.vaultkv.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The scoped key-value maps of a running application: {@link #application()}, shared by every instance
 * of the application, and {@link #instance()}, this instance's own. Both live on the default mount at
 * paths derived from the application name and the instance id.
 *
 * @since 0.1.0
 */
public class VaultScopes {

	private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*");

	private static final String MARKER_PREFIX = "vaultkv-seen-";

	private final String applicationName;

	private final String instanceId;

	private final ScopedSecretMap application;

	private final ScopedSecretMap instance;

	/**
	 * Create a new instance.
	 * @param operations the operations on the mount holding the maps
	 * @param applicationName the application name
	 * @param instanceId the instance id
	 * @param applicationPath the application map's path template ({@code {application}})
	 * @param instancePath the instance map's path template ({@code {application}}, {@code {instance}})
	 * @param maxAttempts the maximum number of check-and-set attempts of a change
	 */
	public VaultScopes(VaultKvOperations operations, String applicationName, String instanceId,
			String applicationPath, String instancePath, int maxAttempts) {
		Assert.notNull(operations, "'operations' must not be null");
		this.applicationName = checkSegment("spring.application.name", applicationName);
		this.instanceId = checkSegment("vault.scopes.instance-id", instanceId);
		Assert.isTrue(instancePath.contains("{instance}"),
				"vault.scopes.instance-path must contain {instance} so that instances do not share a map");
		String appPath = expand(applicationPath);
		String ownPath = expand(instancePath);
		Assert.isTrue(!appPath.equals(ownPath),
				"vault.scopes.application-path and vault.scopes.instance-path must differ");
		this.application = new ScopedSecretMap(operations, appPath, ownPath, MARKER_PREFIX + "application",
				maxAttempts);
		this.instance = new ScopedSecretMap(operations, ownPath, ownPath, MARKER_PREFIX + "instance", maxAttempts);
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
		return this.instanceId;
	}

	/**
	 * Return a generated instance id: the host name and a random suffix, which changes on every start.
	 * @return the id
	 */
	public static String generateInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "instance";
		}
		String safeHost = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\-]", "-");
		byte[] suffix = new byte[4];
		ThreadLocalRandom.current().nextBytes(suffix);
		return (safeHost.isEmpty() ? "instance" : safeHost) + "-" + HexFormat.of().formatHex(suffix);
	}

	private String expand(String template) {
		Assert.hasText(template, "scope path templates must not be empty");
		return template.replace("{application}", this.applicationName).replace("{instance}", this.instanceId);
	}

	private static String checkSegment(String property, String value) {
		if (value == null || !SAFE_SEGMENT.matcher(value).matches()) {
			throw new IllegalArgumentException("Invalid " + property + " '" + value
					+ "' for a Vault path segment: use letters, digits, '.', '_' and '-', not starting with '.'");
		}
		return value;
	}

}
