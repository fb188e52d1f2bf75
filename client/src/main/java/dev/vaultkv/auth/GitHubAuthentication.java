package dev.vaultkv.auth;

import java.util.Map;

import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultServerException;

import org.springframework.util.Assert;

/**
 * Logs in with the GitHub auth method ({@code POST auth/<path>/login} with a personal access {@code token});
 * Vault asks GitHub who the token belongs to and maps the user's teams in the configured organization to
 * policies. The token is read from its source on every login and never logged nor put in a message.
 * <p>
 * Vault reports GitHub's refusals (a bad token, a user outside the organization) as 500 errors; they become
 * an {@link dev.vaultkv.client.AuthenticationException} like any other refused login.
 *
 * @since 0.1.0
 */
public final class GitHubAuthentication implements ClientAuthentication {

	private static final String HINT = "check that the token is valid, has the read:org scope and belongs to a "
			+ "member of the organization the mount's config names";

	private final GitHubAuthenticationOptions options;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public GitHubAuthentication(GitHubAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		String token = this.options.getToken().obtain("GitHub personal access token");
		return LoginRequests.loginRefusingWith500(client, "GitHub", this.options, null, Map.of("token", token), HINT,
				GitHubAuthentication::isGitHubRefusal);
	}

	/**
	 * Whether Vault's 500 reports GitHub refusing the token or the user rather than Vault failing.
	 */
	private static boolean isGitHubRefusal(VaultServerException ex) {
		for (String error : ex.getErrors()) {
			if (error.contains("user is not part of required org") || error.matches("(?s).*: 40[134] .*")
					|| error.contains("configuration has not been set")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String getMethodName() {
		return "github";
	}

	@Override
	public String toString() {
		return "GitHubAuthentication[" + this.options + "]";
	}

}
