package dev.vaultkv.samples.approle;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.env.VaultEnvironmentPostProcessor;

/**
 * With {@code sample.embedded-vault.enabled=true} (application.yml's default), starts the embedded dev
 * server, sets it up for AppRole ({@link DemoVault}) and points vaultkv at it: {@code vault.uri},
 * {@code vault.authentication=approle}, {@code vault.app-role.role-id} and {@code vault.app-role.secret-id}
 * go into a property source ahead of all others. The server becomes the bean {@value #BEAN_NAME} and stops
 * with the application context.
 * <p>
 * Runs after application.yml and profiles are loaded, and before vaultkv binds {@code vault.*} for
 * placeholders. A {@code spring.config.import=vault:...} is loaded before this runs, so it cannot read from
 * the embedded server.
 *
 * @since 0.1.0
 */
public class DemoVaultEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * The order: after config data, before {@link VaultEnvironmentPostProcessor}.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 5;

	/**
	 * The name of the property source.
	 */
	public static final String PROPERTY_SOURCE_NAME = "sampleEmbeddedVault";

	/**
	 * The name of the server's bean.
	 */
	public static final String BEAN_NAME = "sampleEmbeddedVaultServer";

	private static final String ENABLED = "sample.embedded-vault.enabled";

	private final Log logger;

	private final ConfigurableBootstrapContext bootstrapContext;

	/**
	 * Create a new instance.
	 * @param logFactory the log factory
	 * @param bootstrapContext the bootstrap context
	 */
	public DemoVaultEnvironmentPostProcessor(DeferredLogFactory logFactory,
			ConfigurableBootstrapContext bootstrapContext) {
		this.logger = logFactory.getLog(DemoVaultEnvironmentPostProcessor.class);
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, false)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		DemoVault vault = DemoVault.start(environment.getProperty("sample.embedded-vault.port", Integer.class, 0));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, vault.getProperties()));
		this.bootstrapContext.addCloseListener((event) -> register(event.getApplicationContext(), vault));
		this.logger.info("Started the embedded Vault dev server at " + vault.getServer().getAddress()
				+ " with AppRole role '" + DemoVault.ROLE + "' (token_ttl=" + DemoVault.TOKEN_TTL.toSeconds()
				+ "s, token_max_ttl=" + DemoVault.TOKEN_MAX_TTL.toSeconds() + "s); set " + ENABLED
				+ "=false to use your own Vault");
	}

	private void register(ConfigurableApplicationContext context, DemoVault vault) {
		if (context instanceof GenericApplicationContext generic) {
			generic.registerBean(BEAN_NAME, EmbeddedVaultServer.class, vault::getServer,
					(definition) -> definition.setDestroyMethodName("close"));
		}
		else {
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> vault.close());
		}
	}

}
