package dev.vaultkv.testcontainers;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import dev.vaultkv.client.VaultToken;

/**
 * The root token a dev-mode container was started with: Vault's image reads it from
 * {@code VAULT_DEV_ROOT_TOKEN_ID}, OpenBao's from {@code BAO_DEV_ROOT_TOKEN_ID}.
 *
 * @author vaultkv
 */
final class DevRootToken {

	static final String VAULT = "VAULT_DEV_ROOT_TOKEN_ID";

	static final String OPENBAO = "BAO_DEV_ROOT_TOKEN_ID";

	private DevRootToken() {
	}

	/**
	 * Return the dev root token of a container's environment, Vault's variable first.
	 * @param env the container's environment
	 * @return the token, or {@code null} when neither variable is set
	 */
	static @Nullable VaultToken of(Map<String, String> env) {
		String vault = env.get(VAULT);
		if (StringUtils.hasText(vault)) {
			return VaultToken.of(vault);
		}
		String openBao = env.get(OPENBAO);
		return StringUtils.hasText(openBao) ? VaultToken.of(openBao) : null;
	}

}
