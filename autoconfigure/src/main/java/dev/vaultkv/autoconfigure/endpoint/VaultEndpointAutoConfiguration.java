package dev.vaultkv.autoconfigure.endpoint;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.vaultkv.actuate.RefreshableVaultEndpoint;
import dev.vaultkv.actuate.VaultEndpoint;
import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.autoconfigure.propagation.VaultPropagationAutoConfiguration;
import dev.vaultkv.kv.KvMountResolver;
import dev.vaultkv.database.DatabaseCredentialsManagers;
import dev.vaultkv.propagation.SecretPropagator;
import dev.vaultkv.secret.SecretStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@code vault} actuator {@link VaultEndpoint endpoint}, when it is available (exposed and not switched
 * off with {@code management.endpoint.vault.access=none}). Its refresh write operation is offered only
 * with {@code vault.endpoint.refresh-enabled=true} (and Actuator's access to the endpoint allows
 * writes).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
		VaultPropagationAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean({ VaultConnectionDetails.class, VaultProperties.class })
@EnableConfigurationProperties(VaultEndpointProperties.class)
public final class VaultEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(VaultEndpoint.class)
	VaultEndpoint vaultEndpoint(VaultConnectionDetails connectionDetails, VaultProperties properties,
			ObjectProvider<ClientAuthentication> authentication, ObjectProvider<SessionManager> sessionManager,
			ObjectProvider<SecretStore> secretStore, ObjectProvider<KvMountResolver> mountResolver,
			ObjectProvider<SecretPropagator> propagator, ObjectProvider<DatabaseCredentialsManagers> databaseCredentials,
			VaultEndpointProperties endpointProperties) {
		ClientAuthentication clientAuthentication = authentication.getIfUnique();
		String method = (clientAuthentication != null) ? clientAuthentication.getMethodName() : null;
		VaultEndpoint.VaultConnection connection = new VaultEndpoint.VaultConnection(connectionDetails.getUri(),
				connectionDetails.getNamespace(), connectionDetails.getAuthenticationNamespace(), method,
				roleIdentity(properties, connectionDetails));
		VaultEndpoint endpoint = endpointProperties.isRefreshEnabled()
				? new RefreshableVaultEndpoint(connection, sessionManager.getIfUnique(), secretStore.getIfUnique(),
						mountResolver.getIfUnique(), properties.getKv().getMount(), Clock.systemUTC())
				: new VaultEndpoint(connection, sessionManager.getIfUnique(), secretStore.getIfUnique(),
						mountResolver.getIfUnique(), properties.getKv().getMount(), Clock.systemUTC());
		endpoint.setPropagator(propagator.getIfUnique());
		endpoint.setDatabaseCredentials(databaseCredentials.getIfUnique());
		return endpoint;
	}

	private static @Nullable String roleIdentity(VaultProperties properties, VaultConnectionDetails details) {
		if (details.getToken() != null) {
			return null;
		}
		return switch (properties.getAuthentication()) {
			case TOKEN -> null;
			case APPROLE -> properties.getAppRole().getRoleId();
			case KUBERNETES -> properties.getKubernetes().getRole();
			case JWT -> properties.getJwt().getRole();
			case USERPASS -> properties.getUserpass().getUsername();
			case CERT -> properties.getCert().getName();
			case LDAP -> properties.getLdap().getUsername();
			case GITHUB -> null;
			case GCP_GCE -> properties.getGcpGce().getRole();
			case GCP_IAM -> properties.getGcpIam().getRole();
			case AZURE -> properties.getAzure().getRole();
			case WRAPPED_TOKEN -> null;
			case AWS_IAM -> properties.getAwsIam().getRole();
			case AWS_EC2 -> properties.getAwsEc2().getRole();
		};
	}

}
