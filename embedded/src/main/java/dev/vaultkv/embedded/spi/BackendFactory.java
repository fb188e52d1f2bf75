package dev.vaultkv.embedded.spi;

/**
 * Creates a {@link Backend} for a newly enabled mount.
 *
 * @author vaultkv
 * @since 0.1.0
 */
@FunctionalInterface
public interface BackendFactory {

	/**
	 * Create the backend of a mount.
	 * @param context the mount's context
	 * @return a new backend
	 * @since 0.1.0
	 */
	Backend create(MountContext context);

}
