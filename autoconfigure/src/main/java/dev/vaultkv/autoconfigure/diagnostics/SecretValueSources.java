package dev.vaultkv.autoconfigure.diagnostics;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import dev.vaultkv.env.VaultConfigDataPropertySource;
import dev.vaultkv.env.VaultPropertySource;
import dev.vaultkv.secret.SecretReference;

/**
 * Finds, without reading Vault, the secrets a property value or {@code @Value} expression comes from:
 * {@code ${vault:...}} placeholders, directly or through the placeholders it names, and properties of a
 * {@code spring.config.import=vault:...} import. Each secret is described as {@code mount//path, key 'k'}.
 */
final class SecretValueSources {

	private static final int MAX_DEPTH = 16;

	private final @Nullable Environment environment;

	SecretValueSources(@Nullable Environment environment) {
		this.environment = environment;
	}

	/**
	 * Describe the secrets a property read from a source comes from.
	 * @param name the property name in that source
	 * @param source the property source, or {@code null} if unknown
	 * @param rawValue the property's unresolved value
	 * @return the secrets, empty when it does not come from Vault
	 */
	Set<String> ofProperty(String name, @Nullable Object source, @Nullable Object rawValue) {
		Set<String> secrets = new LinkedHashSet<>();
		if (source instanceof VaultConfigDataPropertySource imported) {
			secrets.add(imported.getLocation() + ", property '" + name + "'");
		}
		if (rawValue instanceof CharSequence text) {
			collect(text.toString(), secrets, new LinkedHashSet<>(), 0);
		}
		return secrets;
	}

	/**
	 * Describe the secrets an expression such as {@code ${vault:app/db:port}} reads.
	 * @param expression the expression
	 * @return the secrets, empty when it reads none
	 */
	Set<String> ofExpression(String expression) {
		Set<String> secrets = new LinkedHashSet<>();
		collect(expression, secrets, new LinkedHashSet<>(), 0);
		return secrets;
	}

	private void collect(String text, Set<String> secrets, Set<String> visited, int depth) {
		if (depth > MAX_DEPTH) {
			return;
		}
		int start = text.indexOf("${");
		while (start >= 0) {
			int end = closing(text, start + 2);
			if (end < 0) {
				return;
			}
			String content = text.substring(start + 2, end);
			if (content.startsWith(VaultPropertySource.PREFIX)) {
				secrets.add(describe(content.substring(VaultPropertySource.PREFIX.length())));
			}
			else {
				int separator = content.indexOf(':');
				String name = (separator >= 0) ? content.substring(0, separator) : content;
				collect(name, secrets, visited, depth + 1);
				if (separator >= 0) {
					collect(content.substring(separator + 1), secrets, visited, depth + 1);
				}
				if (!name.contains("${") && visited.add(name)) {
					collectProperty(name, secrets, visited, depth + 1);
				}
			}
			start = text.indexOf("${", end + 1);
		}
	}

	private void collectProperty(String name, Set<String> secrets, Set<String> visited, int depth) {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof VaultPropertySource || "configurationProperties".equals(source.getName())
					|| !source.containsProperty(name)) {
				continue;
			}
			if (source instanceof VaultConfigDataPropertySource imported) {
				secrets.add(imported.getLocation() + ", property '" + name + "'");
				return;
			}
			if (source.getProperty(name) instanceof CharSequence value) {
				collect(value.toString(), secrets, visited, depth);
			}
			return;
		}
	}

	private static int closing(String text, int from) {
		int nesting = 0;
		for (int i = from; i < text.length(); i++) {
			if (text.startsWith("${", i)) {
				nesting++;
				i++;
			}
			else if (text.charAt(i) == '}') {
				if (nesting == 0) {
					return i;
				}
				nesting--;
			}
		}
		return -1;
	}

	private String describe(String reference) {
		try {
			SecretReference parsed = SecretReference.parse(reference);
			String mount = (this.environment != null) ? this.environment.getProperty("vault.kv.mount", "secret")
					: "secret";
			String defaultKey = (this.environment != null)
					? this.environment.getProperty("vault.kv.default-key", "value") : "value";
			return parsed.location(mount) + ", key '" + parsed.keyOrDefault(defaultKey) + "'";
		}
		catch (RuntimeException ex) {
			return "vault:" + reference;
		}
	}

}
