package dev.vaultkv.testsupport;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threads of the secret cache's own refresh pool ({@code vaultkv-secret-refresh-N}), for tests
 * that check they end with the application context.
 */
public final class SecretRefreshThreads {

	private final Set<Thread> before = live();

	private final Set<Thread> started = new HashSet<>();

	/**
	 * Note the refresh threads that have started since this instance was created, asserting that
	 * there is at least one.
	 */
	public void recordStarted() {
		Set<Thread> now = live();
		now.removeAll(this.before);
		assertThat(now).as("refresh threads started").isNotEmpty();
		this.started.addAll(now);
	}

	/**
	 * Assert that every refresh thread recorded has ended, waiting up to five seconds for each.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void assertEnded() throws InterruptedException {
		for (Thread thread : this.started) {
			thread.join(TimeUnit.SECONDS.toMillis(5));
			assertThat(thread.isAlive()).as(thread.getName()).isFalse();
		}
	}

	private static Set<Thread> live() {
		Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
		threads.removeIf((thread) -> !thread.getName().startsWith("vaultkv-secret-refresh-"));
		return threads;
	}

}
