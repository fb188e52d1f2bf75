package dev.vaultkv.testcontainers;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.testcontainers.vault.VaultContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.util.StringUtils;

import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.client.VaultToken;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link VaultConnectionDetails} from a
 * {@code @ServiceConnection}-annotated {@link VaultContainer}: its address and the dev root token given
 * with {@link VaultContainer#withVaultToken(String)}.
 *
 * @since 0.1.0
 */
class VaultContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<VaultContainer<?>, VaultConnectionDetails> {

	VaultContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "dev.vaultkv.autoconfigure.VaultAutoConfiguration");
	}

	@Override
	protected VaultConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<VaultContainer<?>> source) {
		return new VaultContainerConnectionDetails(source);
	}

	/**
	 * {@link VaultConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	static final class VaultContainerConnectionDetails extends ContainerConnectionDetails<VaultContainer<?>>
			implements VaultConnectionDetails {

		VaultContainerConnectionDetails(ContainerConnectionSource<VaultContainer<?>> source) {
			super(source);
		}

		@Override
		public URI getUri() {
			return URI.create(getContainer().getHttpHostAddress());
		}

		@Override
		public @Nullable VaultToken getToken() {
			String token = getContainer().getEnvMap().get("VAULT_DEV_ROOT_TOKEN_ID");
			return StringUtils.hasText(token) ? VaultToken.of(token) : null;
		}

		@Override
		public String toString() {
			return "VaultContainerConnectionDetails[uri=" + getUri() + ", token=****]";
		}

	}

}
