package dev.vaultkv.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.client.VaultException;

/**
 * {@link SessionListener} forwarding to listeners that can be added after the session manager was built,
 * each isolated from the others' failures.
 */
final class SessionListeners implements SessionListener {

	private static final Logger logger = LoggerFactory.getLogger(SessionListeners.class);

	private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

	void add(SessionListener listener) {
		if (!this.listeners.contains(listener)) {
			this.listeners.add(listener);
		}
	}

	@Override
	public void onLogin(String method, TokenState state) {
		forEach((listener) -> listener.onLogin(method, state));
	}

	@Override
	public void onLoginFailure(String method, VaultException failure) {
		forEach((listener) -> listener.onLoginFailure(method, failure));
	}

	@Override
	public void onRenewal(TokenState state) {
		forEach((listener) -> listener.onRenewal(state));
	}

	@Override
	public void onRenewalFailure(TokenState state, VaultException failure) {
		forEach((listener) -> listener.onRenewalFailure(state, failure));
	}

	@Override
	public void onTokenExpired(TokenState state, String reason) {
		forEach((listener) -> listener.onTokenExpired(state, reason));
	}

	@Override
	public void onRevoked(TokenState state) {
		forEach((listener) -> listener.onRevoked(state));
	}

	private void forEach(Consumer<SessionListener> event) {
		for (SessionListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.debug("Session listener failed", ex);
			}
		}
	}

}
