package dev.vaultkv.env;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

import dev.vaultkv.client.VaultException;
import dev.vaultkv.database.DatabaseCredentialsPropertySource;
import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReference;
import dev.vaultkv.secret.SecretResolver;

/**
 * Binds {@code vault.*} from the complete environment once config data is loaded (so that profile
 * documents apply), reads the {@code spring.config.import=vault:...} imports ({@link VaultConfigDataLoader}),
 * adds the {@link VaultPropertySource} (with {@code vault.enabled=false}, one
 * that fails every {@code ${vault:...}} placeholder with that reason), and reads every secret that the environment's {@code ${vault:...}} placeholders reference, concurrently
 * and once per path, so that resolving them later costs no further request. Warns, once per property,
 * about a placeholder whose name is close to {@code vault} and whose default looks like a secret
 * reference ({@code ${vualt:myapp/db:password}}), since Spring would resolve it to the default's text.
 *
 * @since 0.1.0
 */
public class VaultEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * The order: right after config data is loaded.
	 */
	public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 10;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{vault:([^}]+)}");

	private final Log logger;

	private final ConfigurableBootstrapContext bootstrapContext;

	/**
	 * Create a new instance.
	 * @param logFactory the factory of the log, replayed once logging is initialized
	 * @param bootstrapContext the bootstrap context
	 */
	public VaultEnvironmentPostProcessor(DeferredLogFactory logFactory,
			ConfigurableBootstrapContext bootstrapContext) {
		this.logger = logFactory.getLog(VaultEnvironmentPostProcessor.class);
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(VaultPropertySource.NAME)) {
			return;
		}
		Binder binder = Binder.get(environment);
		VaultConfigDataImports imports = new VaultConfigDataImports(environment, this.logger);
		if (!binder.bind("vault.enabled", Boolean.class).orElse(true)) {
			imports.disabled();
			environment.getPropertySources().addLast(VaultPropertySource.disabled());
			return;
		}
		VaultBootstrap bootstrap = VaultBootstrap.get(this.bootstrapContext, binder, environment);
		environment.getPropertySources().addLast(new VaultPropertySource(bootstrap::getSecretResolver));
		if (!(environment.getConversionService() instanceof SecretMaskingConversionService)) {
			environment.setConversionService(new SecretMaskingConversionService(environment.getConversionService(),
					new SecretValueDetector(bootstrap::getStoreIfRead)));
		}
		if (bootstrap.hasDatabaseCredentials()) {
			environment.getPropertySources()
				.addFirst(new DatabaseCredentialsPropertySource(bootstrap.getDatabaseCredentials()));
		}
		imports.load(bootstrap);
		List<SecretReference> references = scan(environment);
		if (!references.isEmpty()) {
			prefetch(bootstrap, references);
		}
	}

	private void prefetch(VaultBootstrap bootstrap, List<SecretReference> references) {
		try {
			SecretResolver resolver = bootstrap.getSecretResolver();
			Set<SecretLocation> locations = new LinkedHashSet<>();
			references.forEach((reference) -> locations.add(resolver.locate(reference)));
			resolver.getStore().prefetch(locations);
		}
		catch (RuntimeException ex) {
			// Prefetching is an optimization: the failure is reported when a placeholder that needs the
			// secret is resolved, with that placeholder's context.
		}
	}

	/**
	 * Find the {@code ${vault:...}} references of the environment's properties, and warn once per property
	 * about a placeholder whose name looks like a typo of {@code vault}, in one pass over the properties.
	 * Sources whose values are secrets are not read.
	 */
	private List<SecretReference> scan(ConfigurableEnvironment environment) {
		List<SecretReference> references = new ArrayList<>();
		Set<String> warned = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable) || source instanceof VaultPropertySource
					|| source instanceof VaultConfigDataPropertySource
					|| source instanceof DatabaseCredentialsPropertySource) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				if (enumerable.getProperty(name) instanceof CharSequence value) {
					collect(value, references);
					if (!warned.contains(name) && warnIfMistyped(name, value)) {
						warned.add(name);
					}
				}
			}
		}
		return references;
	}

	private boolean warnIfMistyped(String name, CharSequence value) {
		Set<String> mistyped = MistypedVaultPlaceholders.find(value);
		if (mistyped.isEmpty()) {
			return false;
		}
		this.logger.warn("Property '" + name + "' has a placeholder named "
				+ String.join(", ", mistyped.stream().map((placeholder) -> "'" + placeholder + "'").toList())
				+ " with a default that looks like a Vault secret reference; it resolves to "
				+ "that default, not to a secret. Did you mean ${vault:...}?");
		return true;
	}

	private static void collect(CharSequence value, List<SecretReference> references) {
		if (value.length() < 9) {
			return;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		while (matcher.find()) {
			try {
				references.add(SecretReference.parse(matcher.group(1)));
			}
			catch (VaultException ex) {
				// Malformed: reported when the placeholder is resolved.
			}
		}
	}

}
