package dev.vaultkv.embedded.auth;

import java.util.Objects;

import dev.vaultkv.embedded.standin.AwsAccessKeys;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates AWS auth method backends (type {@code aws}). IAM logins are checked against the given
 * {@link AwsAccessKeys} in place of AWS STS; EC2 logins against the certificates registered with the mount.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class AwsBackendFactory implements BackendFactory {

	private final AwsAccessKeys accessKeys;

	/**
	 * Create a factory whose mounts accept no IAM login until keys are registered.
	 * @since 0.1.0
	 */
	public AwsBackendFactory() {
		this(new AwsAccessKeys());
	}

	/**
	 * Create a factory whose mounts accept IAM logins signed with the given keys.
	 * @param accessKeys the access keys standing in for AWS STS
	 * @since 0.1.0
	 */
	public AwsBackendFactory(AwsAccessKeys accessKeys) {
		this.accessKeys = Objects.requireNonNull(accessKeys, "'accessKeys' must not be null");
	}

	@Override
	public Backend create(MountContext context) {
		return new AwsBackend(context, this.accessKeys);
	}

}
