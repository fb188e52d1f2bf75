package dev.vaultkv.embedded.auth;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates GitHub auth method backends (type {@code github}). Logins call the GitHub API at the mount's
 * {@code base_url}; tests point it at {@link dev.vaultkv.embedded.standin.GitHubApiStandIn}.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class GitHubBackendFactory implements BackendFactory {

	@Override
	public Backend create(MountContext context) {
		return new GitHubBackend(context);
	}

}
