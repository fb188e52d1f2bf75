package dev.vaultkv.autoconfigure.connection;

import java.nio.file.Path;
import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.util.StringUtils;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultConnectionDetails;
import dev.vaultkv.autoconfigure.VaultProperties;
import dev.vaultkv.autoconfigure.VaultProperties.AuthenticationMethod;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.connection.SecretIdFileWatcher;
import dev.vaultkv.connection.SecretIdReference;
import dev.vaultkv.connection.VaultConnectionExport;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@link VaultConnectionExport} and, with AppRole login from a secret ID file, the
 * {@link SecretIdFileWatcher} ({@code vault.credentials-watch.enabled}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = VaultAutoConfiguration.class)
@ConditionalOnProperty(prefix = "vault", name = "enabled", matchIfMissing = true)
@ConditionalOnBean({ SessionManager.class, VaultClient.class, VaultConnectionDetails.class, VaultProperties.class })
@EnableConfigurationProperties(VaultCredentialsWatchProperties.class)
public final class VaultConnectionExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VaultConnectionExport vaultConnectionExport(VaultConnectionDetails connectionDetails, VaultProperties properties,
			SessionManager sessionManager, VaultClient client) {
		VaultProperties.AppRole appRole = properties.getAppRole();
		boolean approle = properties.getAuthentication() == AuthenticationMethod.APPROLE;
		return new VaultConnectionExport(connectionDetails.getUri(), connectionDetails.getNamespace(),
				properties.getKv().getMount(), appRole.getPath(), approle ? trimmed(appRole.getRoleId()) : null,
				approle ? secretIdReference(appRole) : null, sessionManager, client);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "vault.authentication", havingValue = "approle")
	@ConditionalOnProperty(name = "vault.app-role.secret-id-file")
	@ConditionalOnProperty(prefix = "vault.credentials-watch", name = "enabled", matchIfMissing = true)
	SecretIdFileWatcher vaultSecretIdFileWatcher(VaultProperties properties, SessionManager sessionManager,
			ApplicationEventPublisher publisher, VaultCredentialsWatchProperties watch, ObjectProvider<Clock> clock) {
		SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
		scheduler.setThreadNamePrefix("vaultkv-credentials-");
		scheduler.setDaemon(true);
		String file = properties.getAppRole().getSecretIdFile();
		return new SecretIdFileWatcher(Path.of(file.trim()), sessionManager, "approle", publisher,
				clock.getIfUnique(Clock::systemUTC), watch.getInterval(), scheduler);
	}

	private static @Nullable SecretIdReference secretIdReference(VaultProperties.AppRole appRole) {
		if (StringUtils.hasText(appRole.getSecretId())) {
			return SecretIdReference.property("vault.app-role.secret-id");
		}
		if (StringUtils.hasText(appRole.getSecretIdFile())) {
			return SecretIdReference.file(appRole.getSecretIdFile().trim());
		}
		return null;
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
