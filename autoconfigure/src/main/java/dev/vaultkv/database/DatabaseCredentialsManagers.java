package dev.vaultkv.database;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * The {@link DatabaseCredentialsManager}s of an application, each with the properties its credentials
 * feed; closing it closes them (revoking their leases when so configured) and the resources they share.
 *
 * @since 0.1.0
 */
public final class DatabaseCredentialsManagers implements AutoCloseable {

	private final List<Entry> entries = new ArrayList<>();

	private final AutoCloseable resources;

	/**
	 * Create a new instance.
	 * @param resources closed after the managers (their scheduler)
	 */
	public DatabaseCredentialsManagers(AutoCloseable resources) {
		Assert.notNull(resources, "'resources' must not be null");
		this.resources = resources;
	}

	/**
	 * Add a manager.
	 * @param manager the manager
	 * @param usernameProperty the property its user name is given as
	 * @param passwordProperty the property its password is given as
	 */
	public void add(DatabaseCredentialsManager manager, String usernameProperty, String passwordProperty) {
		Assert.notNull(manager, "'manager' must not be null");
		Assert.hasText(usernameProperty, "'usernameProperty' must not be empty");
		Assert.hasText(passwordProperty, "'passwordProperty' must not be empty");
		this.entries.add(new Entry(manager, usernameProperty, passwordProperty));
	}

	/**
	 * Return the managers.
	 * @return the managers
	 */
	public List<DatabaseCredentialsManager> getManagers() {
		return this.entries.stream().map(Entry::manager).toList();
	}

	/**
	 * Call an action for every manager with its properties.
	 * @param action the action
	 */
	public void forEach(EntryConsumer action) {
		this.entries.forEach((entry) -> action.accept(entry.manager(), entry.usernameProperty(),
				entry.passwordProperty()));
	}

	/**
	 * Return whether there is no manager.
	 * @return whether empty
	 */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public void close() throws Exception {
		for (Entry entry : this.entries) {
			entry.manager().close();
		}
		this.resources.close();
	}

	/**
	 * Takes a manager and its properties.
	 */
	@FunctionalInterface
	public interface EntryConsumer {

		/**
		 * Take a manager and its properties.
		 * @param manager the manager
		 * @param usernameProperty the user name property
		 * @param passwordProperty the password property
		 */
		void accept(DatabaseCredentialsManager manager, String usernameProperty, String passwordProperty);

	}

	private record Entry(DatabaseCredentialsManager manager, String usernameProperty, String passwordProperty) {

	}

}
