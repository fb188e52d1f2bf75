package dev.vaultkv.benchmarks;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import org.jspecify.annotations.Nullable;

/**
 * Polls an {@link EngineDatabase} on a thread of its own and keeps, in milliseconds of a {@link Timeline},
 * when each user was first and last seen and when it was gone, each session's life (and whether its user
 * was dropped under it), and when the followed pool's credentials changed.
 *
 * @since 0.1.0
 */
final class DatabaseWatch {

	private final EngineDatabase database;

	private final Timeline timeline;

	private final long intervalNanos;

	private final Thread thread;

	private volatile boolean stopped;

	private volatile @Nullable HikariDataSource pool;

	private final Map<String, UserLife> users = new LinkedHashMap<>();

	private final Map<Integer, SessionLife> sessions = new LinkedHashMap<>();

	private final List<PoolCredentials> poolCredentials = new ArrayList<>();

	private final List<Double> polls = new ArrayList<>();

	private volatile @Nullable String failure;

	DatabaseWatch(EngineDatabase database, Timeline timeline, Duration interval) {
		this.database = database;
		this.timeline = timeline;
		this.intervalNanos = interval.toNanos();
		this.thread = new Thread(this::run, "database-watch");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Follow a pool's credentials from now on.
	 * @param pool the pool
	 */
	void follow(HikariDataSource pool) {
		this.pool = pool;
	}

	/**
	 * Poll once more and stop.
	 * @throws InterruptedException if interrupted
	 */
	void stop() throws InterruptedException {
		this.stopped = true;
		this.thread.join(TimeUnit.SECONDS.toMillis(10));
		poll();
		String failed = this.failure;
		if (failed != null) {
			throw new IllegalStateException("Watching the database failed: " + failed);
		}
	}

	private void run() {
		long next = System.nanoTime();
		while (!this.stopped) {
			try {
				poll();
			}
			catch (RuntimeException ex) {
				this.failure = ex.toString();
				return;
			}
			next += this.intervalNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			else {
				next = System.nanoTime();
			}
		}
	}

	private void poll() {
		double at = this.timeline.now();
		EngineDatabase.Snapshot snapshot;
		try {
			snapshot = this.database.snapshot();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		HikariDataSource pool = this.pool;
		Credentials credentials = (pool != null) ? pool.getCredentials() : null;
		synchronized (this) {
			this.polls.add(at);
			for (String user : snapshot.users()) {
				this.users.computeIfAbsent(user, (name) -> new UserLife(name, at)).lastSeen = at;
			}
			for (UserLife user : this.users.values()) {
				if (user.gone < 0 && !snapshot.users().contains(user.name)) {
					user.gone = at;
				}
			}
			int poolIndex = this.poolCredentials.size() - 1;
			if (credentials != null && (poolIndex < 0 || !sameCredentials(this.poolCredentials.get(poolIndex),
					credentials))) {
				this.poolCredentials.add(new PoolCredentials(at, Objects.requireNonNullElse(credentials.getUsername(),
						""), Objects.requireNonNullElse(credentials.getPassword(), "")));
			}
			for (EngineDatabase.Session session : snapshot.sessions()) {
				SessionLife life = this.sessions.computeIfAbsent(session.id(),
						(id) -> new SessionLife(id, session.user(), this.timeline.millis(session.start()), at,
								this.poolCredentials.isEmpty() ? null : this.poolCredentials.get(this.poolCredentials.size() - 1)));
				life.lastSeen = at;
				if (session.user() == null && life.user != null && life.orphaned < 0) {
					life.orphaned = at;
				}
			}
		}
	}

	private static boolean sameCredentials(PoolCredentials known, Credentials credentials) {
		return known.username().equals(credentials.getUsername()) && known.password().equals(credentials.getPassword());
	}

	synchronized List<UserLife> users() {
		return this.users.values().stream().map(UserLife::copy).toList();
	}

	synchronized List<SessionLife> sessions() {
		return this.sessions.values().stream().map(SessionLife::copy).toList();
	}

	synchronized List<PoolCredentials> poolCredentials() {
		return List.copyOf(this.poolCredentials);
	}

	/**
	 * Return the time of each poll.
	 * @return milliseconds of the timeline
	 */
	synchronized double[] polls() {
		return this.polls.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/**
	 * Return the first poll after an instant.
	 * @param millis the instant, in milliseconds of the timeline
	 * @return the poll's time, or {@code NaN} if none came after it
	 */
	synchronized double firstPollAfter(double millis) {
		for (double poll : this.polls) {
			if (poll > millis) {
				return poll;
			}
		}
		return Double.NaN;
	}

	/**
	 * A user's life as seen by the polls.
	 */
	static final class UserLife {

		final String name;

		final double firstSeen;

		double lastSeen;

		/** The first poll that no longer saw it, or -1. */
		double gone = -1;

		UserLife(String name, double firstSeen) {
			this.name = name;
			this.firstSeen = firstSeen;
			this.lastSeen = firstSeen;
		}

		boolean isGone() {
			return this.gone >= 0;
		}

		UserLife copy() {
			UserLife copy = new UserLife(this.name, this.firstSeen);
			copy.lastSeen = this.lastSeen;
			copy.gone = this.gone;
			return copy;
		}

	}

	/**
	 * A session's life as seen by the polls.
	 */
	static final class SessionLife {

		final int id;

		final @Nullable String user;

		/** When H2 says it started. */
		final double start;

		final double firstSeen;

		/** The pool's credentials at the poll that first saw it, or {@code null}. */
		final @Nullable PoolCredentials poolCredentials;

		double lastSeen;

		/** The first poll that saw it without its user (dropped under it), or -1. */
		double orphaned = -1;

		SessionLife(int id, @Nullable String user, double start, double firstSeen,
				@Nullable PoolCredentials poolCredentials) {
			this.id = id;
			this.user = user;
			this.start = start;
			this.firstSeen = firstSeen;
			this.lastSeen = firstSeen;
			this.poolCredentials = poolCredentials;
		}

		SessionLife copy() {
			SessionLife copy = new SessionLife(this.id, this.user, this.start, this.firstSeen, this.poolCredentials);
			copy.lastSeen = this.lastSeen;
			copy.orphaned = this.orphaned;
			return copy;
		}

	}

	/**
	 * The pool's credentials from a poll on.
	 *
	 * @param since the first poll that saw them
	 * @param username the user name
	 * @param password the password (kept in memory, never printed)
	 */
	record PoolCredentials(double since, String username, String password) {

		@Override
		public String toString() {
			return "PoolCredentials[since=" + this.since + ", username=" + this.username + "]";
		}

	}

}
