package dev.vaultkv.autoconfigure;

import java.util.ArrayList;
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
 * each isolated from the others' failures. Events that happen while no listener is registered yet (the
 * login for config data, before the application context and its meters exist) are kept, up to
 * {@value #MAX_EARLY_EVENTS}, and replayed to the first listener.
 */
final class SessionListeners implements SessionListener {

	private static final Logger logger = LoggerFactory.getLogger(SessionListeners.class);

	static final int MAX_EARLY_EVENTS = 16;

	private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<SessionListener>> earlyEvents = new ArrayList<>();

	void add(SessionListener listener) {
		List<Consumer<SessionListener>> replay;
		synchronized (this.earlyEvents) {
			if (this.listeners.contains(listener)) {
				return;
			}
			this.listeners.add(listener);
			replay = List.copyOf(this.earlyEvents);
			this.earlyEvents.clear();
		}
		replay.forEach((event) -> deliver(listener, event));
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
		if (this.listeners.isEmpty() && keptForTheFirstListener(event)) {
			return;
		}
		for (SessionListener listener : this.listeners) {
			deliver(listener, event);
		}
	}

	private boolean keptForTheFirstListener(Consumer<SessionListener> event) {
		synchronized (this.earlyEvents) {
			if (!this.listeners.isEmpty()) {
				return false;
			}
			if (this.earlyEvents.size() < MAX_EARLY_EVENTS) {
				this.earlyEvents.add(event);
			}
			return true;
		}
	}

	private static void deliver(SessionListener listener, Consumer<SessionListener> event) {
		try {
			event.accept(listener);
		}
		catch (RuntimeException ex) {
			logger.debug("Session listener failed", ex);
		}
	}

}
