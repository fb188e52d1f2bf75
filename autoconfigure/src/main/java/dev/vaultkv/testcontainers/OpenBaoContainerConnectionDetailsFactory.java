package dev.vaultkv.testcontainers;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.util.ClassUtils;

import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.client.VaultToken;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link VaultConnectionDetails} from a
 * {@code @ServiceConnection}-annotated generic container of the {@code openbao/openbao} image in dev mode:
 * its address on port 8200 and the root token given with {@code BAO_DEV_ROOT_TOKEN_ID}.
 *
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static GenericContainer&lt;?&gt; openBao = new GenericContainer&lt;&gt;("openbao/openbao:2.6.2")
 * 	.withEnv("BAO_DEV_ROOT_TOKEN_ID", "root")
 * 	.withExposedPorts(8200);
 * </pre>
 *
 * @author vaultkv
 * @since 0.1.0
 */
class OpenBaoContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, VaultConnectionDetails> {

	static final String CONNECTION_NAME = "openbao/openbao";

	static final int PORT = 8200;

	private static final String VAULT_CONTAINER = "org.testcontainers.vault.VaultContainer";

	OpenBaoContainerConnectionDetailsFactory() {
		super(CONNECTION_NAME, "dev.vaultkv.autoconfigure.VaultAutoConfiguration");
	}

	/**
	 * An OpenBao image run as a {@code VaultContainer} is left to {@link VaultContainerConnectionDetailsFactory},
	 * so that one container never yields two connection details.
	 */
	@Override
	protected boolean sourceAccepts(ContainerConnectionSource<Container<?>> source, Class<?> requiredContainerType,
			Class<?> requiredConnectionDetailsType) {
		if (!super.sourceAccepts(source, requiredContainerType, requiredConnectionDetailsType)) {
			return false;
		}
		return !ClassUtils.isPresent(VAULT_CONTAINER, getClass().getClassLoader()) || !source
			.accepts(ANY_CONNECTION_NAME, ClassUtils.resolveClassName(VAULT_CONTAINER, getClass().getClassLoader()),
					requiredConnectionDetailsType);
	}

	@Override
	protected VaultConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new OpenBaoContainerConnectionDetails(source);
	}

	/**
	 * {@link VaultConnectionDetails} backed by a {@link ContainerConnectionSource} of an OpenBao container.
	 */
	static final class OpenBaoContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements VaultConnectionDetails {

		OpenBaoContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public URI getUri() {
			Container<?> container = getContainer();
			return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
		}

		@Override
		public @Nullable VaultToken getToken() {
			return DevRootToken.of(getContainer().getEnvMap());
		}

		@Override
		public String toString() {
			return "OpenBaoContainerConnectionDetails[token=****]";
		}

	}

}
