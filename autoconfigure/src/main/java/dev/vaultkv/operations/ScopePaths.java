package dev.vaultkv.operations;

import org.springframework.util.Assert;

/**
 * The path templates of the scoped maps, relative to the mount: {@code {application}} is replaced by the
 * application name and {@code {instance}} by the instance id.
 *
 * @param application the application map's path
 * @param instance each instance's own map's path, with {@code {instance}}
 * @param hashes the folder where each instance records the digests of the values it marked seen, with
 * {@code {instance}}: {@code <hashes>/application} and {@code <hashes>/instance}
 * @since 0.1.0
 */
public record ScopePaths(String application, String instance, String hashes) {

	/**
	 * The default application map path.
	 */
	public static final String DEFAULT_APPLICATION = "scopes/{application}/application";

	/**
	 * The default instance map path.
	 */
	public static final String DEFAULT_INSTANCE = "scopes/{application}/instances/{instance}";

	/**
	 * The default folder of the recorded digests.
	 */
	public static final String DEFAULT_HASHES = "scopes/{application}/seen/{instance}";

	/**
	 * Create a new instance.
	 * @param application the application map's path
	 * @param instance each instance's own map's path
	 * @param hashes the folder of the recorded digests
	 */
	public ScopePaths {
		Assert.hasText(application, "vault.scopes.application-path must not be empty");
		Assert.isTrue(instance != null && instance.contains("{instance}"),
				"vault.scopes.instance-path must contain {instance} so that instances do not share a map");
		Assert.isTrue(hashes != null && hashes.contains("{instance}"),
				"vault.scopes.hashes-path must contain {instance} so that each instance keeps its own record");
	}

	/**
	 * Return the default paths.
	 * @return the default paths
	 */
	public static ScopePaths defaults() {
		return new ScopePaths(DEFAULT_APPLICATION, DEFAULT_INSTANCE, DEFAULT_HASHES);
	}

}
