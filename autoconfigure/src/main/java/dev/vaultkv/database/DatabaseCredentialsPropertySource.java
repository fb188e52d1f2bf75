package dev.vaultkv.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.util.Assert;

import dev.vaultkv.secret.SecretReadTrace;

/**
 * Answers the user name and password properties of database credentials ({@code spring.datasource.username}
 * and {@code password} by default) with the current credentials, so that a component bound from them gets
 * the credentials in force and the propagation of changed secrets knows which ones they are.
 *
 * @since 0.1.0
 */
public class DatabaseCredentialsPropertySource extends EnumerablePropertySource<DatabaseCredentialsManagers> {

	/**
	 * The name of this property source.
	 */
	public static final String NAME = "vaultDatabaseCredentials";

	private final Map<String, Field> fields = new LinkedHashMap<>();

	/**
	 * Create a new instance.
	 * @param managers the managers of the credentials
	 */
	public DatabaseCredentialsPropertySource(DatabaseCredentialsManagers managers) {
		super(NAME, managers);
		Assert.notNull(managers, "'managers' must not be null");
		managers.forEach((manager, usernameProperty, passwordProperty) -> {
			this.fields.put(usernameProperty, new Field(manager, true));
			this.fields.put(passwordProperty, new Field(manager, false));
		});
	}

	@Override
	public String[] getPropertyNames() {
		return this.fields.keySet().toArray(String[]::new);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		Field field = this.fields.get(name);
		if (field == null) {
			return null;
		}
		DatabaseCredentials credentials = field.manager().get();
		SecretReadTrace.record(field.manager().getLocation());
		return field.username() ? credentials.username() : credentials.password();
	}

	@Override
	public boolean containsProperty(String name) {
		return this.fields.containsKey(name);
	}

	private record Field(DatabaseCredentialsManager manager, boolean username) {

	}

}
