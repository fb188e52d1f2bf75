package dev.vaultkv.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.vaultkv.auth.SessionListener;
import dev.vaultkv.auth.TokenState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionListeners}.
 */
class SessionListenersTests {

	private static final TokenState STATE = new TokenState("accessor", Instant.EPOCH, null, true, true);

	private final SessionListeners listeners = new SessionListeners();

	@Test
	void eventsBeforeTheFirstListenerAreReplayedToIt() {
		this.listeners.onLogin("approle", STATE);
		this.listeners.onRenewal(STATE);
		Recording first = new Recording();
		this.listeners.add(first);
		assertThat(first.events).containsExactly("login approle", "renewal");
		this.listeners.onRenewal(STATE);
		Recording second = new Recording();
		this.listeners.add(second);
		this.listeners.onRevoked(STATE);
		assertThat(first.events).containsExactly("login approle", "renewal", "renewal", "revoked");
		assertThat(second.events).containsExactly("revoked");
	}

	@Test
	void keepsABoundedNumberOfEarlyEvents() {
		for (int i = 0; i < 100; i++) {
			this.listeners.onRenewal(STATE);
		}
		Recording listener = new Recording();
		this.listeners.add(listener);
		assertThat(listener.events).hasSize(SessionListeners.MAX_EARLY_EVENTS);
	}

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		this.listeners.add(new SessionListener() {

			@Override
			public void onRenewal(TokenState state) {
				throw new IllegalStateException("boom");
			}

		});
		Recording recording = new Recording();
		this.listeners.add(recording);
		this.listeners.onRenewal(STATE);
		assertThat(recording.events).containsExactly("renewal");
	}

	private static final class Recording implements SessionListener {

		private final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onLogin(String method, TokenState state) {
			this.events.add("login " + method);
		}

		@Override
		public void onRenewal(TokenState state) {
			this.events.add("renewal");
		}

		@Override
		public void onRevoked(TokenState state) {
			this.events.add("revoked");
		}

	}

}
