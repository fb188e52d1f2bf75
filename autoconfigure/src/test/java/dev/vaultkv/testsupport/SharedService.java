package dev.vaultkv.testsupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service handle created at most once per JVM, on first use, and closed by a JVM shutdown hook. When it cannot
 * be created, every caller skips with the same reason and creation is not retried.
 *
 * @param <T> the service handle
 */
final class SharedService<T extends AutoCloseable> {

	private static final Logger logger = LoggerFactory.getLogger(SharedService.class);

	private final String name;

	private final Starter<T> starter;

	private @Nullable T service;

	private @Nullable String unavailable;

	SharedService(String name, Starter<T> starter) {
		this.name = name;
		this.starter = starter;
	}

	synchronized T get() {
		if (this.service != null) {
			return this.service;
		}
		if (this.unavailable == null) {
			try {
				T started = this.starter.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), this.name + "-shutdown"));
				this.service = started;
				return started;
			}
			catch (Unavailable ex) {
				this.unavailable = ex.getMessage();
			}
			catch (Exception ex) {
				logger.warn("{} could not be started", this.name, ex);
				this.unavailable = this.name + " could not be started: " + ex;
			}
		}
		throw ServiceSupport.unavailable(this.unavailable);
	}

	private void close(T started) {
		try {
			started.close();
		}
		catch (Exception ex) {
			logger.warn("{} did not close cleanly", this.name, ex);
		}
	}

	@FunctionalInterface
	interface Starter<T> {

		T start() throws Exception;

	}

	/** Thrown by a {@link Starter} when the service is absent, with the reason tests are skipped. */
	static final class Unavailable extends Exception {

		Unavailable(String reason) {
			super(reason);
		}

	}

}
