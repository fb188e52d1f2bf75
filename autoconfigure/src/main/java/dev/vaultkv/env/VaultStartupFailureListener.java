package dev.vaultkv.env;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the {@link VaultBootstrap} when startup fails, so that its embedded server, threads and pooled
 * connections do not keep the JVM alive. The bootstrap context's close listeners cannot do it: they run
 * only once the application context is prepared, and a failed config data import fails before that.
 *
 * @since 0.1.0
 */
public class VaultStartupFailureListener implements SpringApplicationRunListener {

	private volatile @Nullable ConfigurableBootstrapContext bootstrapContext;

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		ConfigurableBootstrapContext bootstrapContext = this.bootstrapContext;
		if (bootstrapContext != null && bootstrapContext.isRegistered(VaultBootstrap.class)) {
			bootstrapContext.get(VaultBootstrap.class).close();
		}
	}

}
