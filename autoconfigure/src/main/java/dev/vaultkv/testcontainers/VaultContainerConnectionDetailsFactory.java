package dev.vaultkv.testcontainers;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.testcontainers.vault.VaultContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.client.VaultToken;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link VaultConnectionDetails} from a
 * {@code @ServiceConnection}-annotated {@link VaultContainer}: its address and the dev root token given
 * with {@link VaultContainer#withVaultToken(String)}. An OpenBao image run as a {@code VaultContainer}
 * ({@code DockerImageName.parse("openbao/openbao:2.6.2").asCompatibleSubstituteFor("hashicorp/vault")})
 * works too: its token is taken from {@code BAO_DEV_ROOT_TOKEN_ID} when {@code VAULT_DEV_ROOT_TOKEN_ID} is
 * not set.
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
			return DevRootToken.of(getContainer().getEnvMap());
		}

		@Override
		public String toString() {
			return "VaultContainerConnectionDetails[uri=" + getUri() + ", token=****]";
		}

	}

}
