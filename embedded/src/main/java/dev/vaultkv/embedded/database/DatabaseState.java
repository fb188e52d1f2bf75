package dev.vaultkv.embedded.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What one database mount holds (Vault keeps it in the mount's storage): connection configurations, dynamic
 * and static roles, and the running plugin instance of each configuration. Thread-safe; plugin operations
 * run outside its lock.
 *
 * @author vaultkv
 */
final class DatabaseState implements AutoCloseable {

	private final Object lock = new Object();

	private final Map<String, ConnectionConfig> configs = new TreeMap<>();

	private final Map<String, DynamicRole> roles = new TreeMap<>();

	private final Map<String, StaticRole> staticRoles = new TreeMap<>();

	private final Map<String, DatabasePlugin> plugins = new HashMap<>();

	@Nullable ConnectionConfig findConfig(String name) {
		synchronized (this.lock) {
			return this.configs.get(name);
		}
	}

	/**
	 * Vault's {@code DatabaseConfig}: the configuration or its error.
	 */
	ConnectionConfig config(String name) {
		ConnectionConfig config = findConfig(name);
		if (config == null) {
			throw new DatabaseException("failed to find entry for connection with name: \"" + name + "\"");
		}
		return config;
	}

	List<String> configNames() {
		synchronized (this.lock) {
			return List.copyOf(this.configs.keySet());
		}
	}

	/**
	 * Store a configuration with its running plugin (or none, to start one on next use), closing the old one.
	 */
	void putConfig(String name, ConnectionConfig config, @Nullable DatabasePlugin plugin) {
		DatabasePlugin old;
		synchronized (this.lock) {
			this.configs.put(name, config);
			old = (plugin != null) ? this.plugins.put(name, plugin) : this.plugins.remove(name);
		}
		closeQuietly(old);
	}

	void removeConfig(String name) {
		DatabasePlugin old;
		synchronized (this.lock) {
			this.configs.remove(name);
			old = this.plugins.remove(name);
		}
		closeQuietly(old);
	}

	/**
	 * Close and forget the running plugin of a configuration.
	 */
	void clearPlugin(String name) {
		DatabasePlugin old;
		synchronized (this.lock) {
			old = this.plugins.remove(name);
		}
		closeQuietly(old);
	}

	/**
	 * Vault's {@code GetConnection}: the running plugin, or a new one connected and verified.
	 */
	DatabasePlugin plugin(String name) {
		synchronized (this.lock) {
			DatabasePlugin running = this.plugins.get(name);
			if (running != null) {
				return running;
			}
			ConnectionConfig config = config(name);
			DatabasePlugin plugin = Plugins.create(config.pluginName());
			if (plugin == null) {
				throw new DatabaseException("unable to create database instance: plugin not found in the catalog: "
						+ config.pluginName());
			}
			try {
				plugin.initialize(config.connectionDetails());
				plugin.verify();
			}
			catch (DatabaseException ex) {
				plugin.close();
				throw ex;
			}
			this.plugins.put(name, plugin);
			return plugin;
		}
	}

	@Nullable DynamicRole role(String name) {
		synchronized (this.lock) {
			return this.roles.get(name);
		}
	}

	void putRole(String name, DynamicRole role) {
		synchronized (this.lock) {
			this.roles.put(name, role);
		}
	}

	void removeRole(String name) {
		synchronized (this.lock) {
			this.roles.remove(name);
		}
	}

	List<String> roleNames() {
		synchronized (this.lock) {
			return List.copyOf(this.roles.keySet());
		}
	}

	@Nullable StaticRole staticRole(String name) {
		synchronized (this.lock) {
			return this.staticRoles.get(name);
		}
	}

	void putStaticRole(String name, StaticRole role) {
		synchronized (this.lock) {
			this.staticRoles.put(name, role);
		}
	}

	void removeStaticRole(String name) {
		synchronized (this.lock) {
			this.staticRoles.remove(name);
		}
	}

	List<String> staticRoleNames() {
		synchronized (this.lock) {
			return List.copyOf(this.staticRoles.keySet());
		}
	}

	@Override
	public void close() {
		List<DatabasePlugin> running;
		synchronized (this.lock) {
			running = new ArrayList<>(this.plugins.values());
			this.plugins.clear();
		}
		running.forEach(DatabaseState::closeQuietly);
	}

	private static void closeQuietly(@Nullable DatabasePlugin plugin) {
		if (plugin != null) {
			plugin.close();
		}
	}

}
