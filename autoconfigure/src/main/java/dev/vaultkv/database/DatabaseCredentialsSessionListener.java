package dev.vaultkv.database;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.TokenState;

/**
 * Tells the {@link DatabaseCredentialsManager}s when a new login replaces the token (the first login seen,
 * the one the credentials were obtained with, is not a replacement), so that dynamic credentials whose
 * lease belongs to the replaced token are replaced before that token, and with it their users, ends.
 *
 * @since 0.1.0
 */
public final class DatabaseCredentialsSessionListener implements SessionListener {

	private final DatabaseCredentialsManagers managers;

	/**
	 * Create a new instance.
	 * @param managers the managers
	 */
	public DatabaseCredentialsSessionListener(DatabaseCredentialsManagers managers) {
		Assert.notNull(managers, "'managers' must not be null");
		this.managers = managers;
	}

	private @Nullable String accessor;

	@Override
	public synchronized void onLogin(String method, TokenState state) {
		String previous = this.accessor;
		this.accessor = state.accessor();
		if (previous != null && !previous.equals(state.accessor())) {
			for (DatabaseCredentialsManager manager : this.managers.getManagers()) {
				manager.tokenReplaced();
			}
		}
	}

}
