package dev.vaultkv.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.Assert;

import dev.vaultkv.auth.SessionManager;
import dev.vaultkv.auth.TokenState;
import dev.vaultkv.client.VaultException;

/**
 * Watches the file an AppRole secret ID is read from: when its content changes (a digest of it is
 * compared on every {@link #check()}), the session manager drops its token without revoking it, logs in
 * again with the new secret ID and a {@link VaultCredentialsChangedEvent} is published. The old token is
 * left to expire rather than revoked, so that requests under way with it are not failed. A login that
 * fails with the new file is logged and tried again at the next check (and by the next request).
 * <p>
 * The scheduler only calls {@link #check()}, which tests may call directly. Polling a digest works
 * where file system events do not (Kubernetes secret volumes replace a symbolic link, network file
 * systems send none). Neither the secret ID nor its digest is ever logged.
 *
 * @since 0.1.0
 */
public class SecretIdFileWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SecretIdFileWatcher.class);

	private final Path file;

	private final SessionManager sessionManager;

	private final String method;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final Duration interval;

	private final @Nullable TaskScheduler scheduler;

	private final ReentrantLock lock = new ReentrantLock();

	private byte @Nullable [] digest;

	private volatile @Nullable ScheduledFuture<?> task;

	/**
	 * Create a new instance.
	 * @param file the secret ID file
	 * @param sessionManager the session manager that logs in with it
	 * @param method the login method, for example {@code approle}
	 * @param publisher publishes {@link VaultCredentialsChangedEvent}s
	 * @param clock the time source of the events
	 * @param interval how often the file is checked
	 * @param scheduler calls {@link #check()} while running, or {@code null} to check only on demand
	 */
	public SecretIdFileWatcher(Path file, SessionManager sessionManager, String method,
			ApplicationEventPublisher publisher, Clock clock, Duration interval, @Nullable TaskScheduler scheduler) {
		Assert.notNull(file, "'file' must not be null");
		Assert.notNull(sessionManager, "'sessionManager' must not be null");
		Assert.hasText(method, "'method' must not be empty");
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(interval != null && interval.toMillis() > 0, "'interval' must be positive");
		this.file = file;
		this.sessionManager = sessionManager;
		this.method = method;
		this.publisher = publisher;
		this.clock = clock;
		this.interval = interval;
		this.scheduler = scheduler;
		this.digest = digest();
	}

	/**
	 * Compare the file with what was last logged in with and, when it changed, log in again and publish
	 * a {@link VaultCredentialsChangedEvent}.
	 * @return whether the credentials changed and the new login succeeded
	 */
	public boolean check() {
		this.lock.lock();
		try {
			byte[] current = digest();
			if (current == null || Arrays.equals(current, this.digest)) {
				return false;
			}
			logger.info("The AppRole secret ID file '{}' changed; logging in again with the new secret ID", this.file);
			TokenState state;
			try {
				this.sessionManager.logout(false);
				this.sessionManager.getToken();
				state = this.sessionManager.getTokenState();
			}
			catch (VaultException ex) {
				logger.warn("Logging in with the changed AppRole secret ID file '{}' failed ({}); trying again at the "
						+ "next check", this.file, ex.getClass().getSimpleName());
				logger.debug("Login failure", ex);
				return false;
			}
			this.digest = current;
			if (state != null) {
				this.publisher.publishEvent(new VaultCredentialsChangedEvent(this, this.method,
						SecretIdReference.file(this.file.toString()), state, this.clock.instant()));
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return a digest of the file's content (stripped, as the login reads it), or {@code null} while it
	 * cannot be read or is empty (for example between the removal and the creation of a replaced file).
	 */
	private byte @Nullable [] digest() {
		try {
			String content = Files.readString(this.file).strip();
			if (content.isEmpty()) {
				return null;
			}
			return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not read the AppRole secret ID file '{}' ({})", this.file,
					ex.getClass().getSimpleName());
			return null;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public void start() {
		if (this.scheduler != null && this.task == null) {
			this.task = this.scheduler.scheduleWithFixedDelay(this::checkQuietly,
					this.clock.instant().plus(this.interval), this.interval);
		}
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.warn("Checking the AppRole secret ID file '{}' failed ({})", this.file, ex.getClass().getName());
			logger.debug("Secret ID file check failure", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> task = this.task;
		this.task = null;
		if (task != null) {
			task.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	@Override
	public String toString() {
		return "SecretIdFileWatcher[file=" + this.file + ", interval=" + this.interval + "]";
	}

}
