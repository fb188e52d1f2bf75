package dev.vaultkv.autoconfigure.propagation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.MapPropertySource;

import dev.vaultkv.secret.SecretLocation;
import dev.vaultkv.secret.SecretReadTrace;

/**
 * Properties that count as read from one secret, as {@code ${vault:...}} placeholders do, without a Vault
 * server: for the wiring tests, where no environment post-processor adds the Vault property source.
 */
final class SecretPropertySource extends MapPropertySource {

	static final SecretLocation LOCATION = new SecretLocation("secret", "app/credentials", 0);

	SecretPropertySource(Map<String, Object> values) {
		super("secrets", values);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		Object value = super.getProperty(name);
		if (value != null) {
			SecretReadTrace.record(LOCATION);
		}
		return value;
	}

}
