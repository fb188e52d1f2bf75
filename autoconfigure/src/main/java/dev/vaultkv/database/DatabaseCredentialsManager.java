package dev.vaultkv.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

import dev.vaultkv.auth.RenewalScheduler;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.lease.Lease;
import dev.vaultkv.lease.LeaseOperations;
import dev.vaultkv.lease.LeasedSecret;
import dev.vaultkv.secret.SecretLocation;

/**
 * Keeps the credentials of one {@link DatabaseRole} alive.
 * <ul>
 * <li>Dynamic role: the lease is renewed at two thirds of its remaining life. Once Vault caps a renewal at
 * the role's {@code max_ttl}, or the lease cannot be renewed (not renewable, gone, refused), new credentials
 * are read while the lease has the larger of the revoke delay and a third of its duration left, handed to
 * the listeners (the pool takes them and retires its connections), and the old lease is revoked once the
 * revoke delay has passed, so that connections can drain, and at the latest when it would expire. A new
 * login replacing the token does the same ({@link #tokenReplaced()}).</li>
 * <li>Static role: the credentials are read again when their {@code ttl} says Vault rotates the password,
 * plus a margin, and handed to the listeners when they changed.</li>
 * </ul>
 * {@link #refreshRejected()} reads them again at once when the database refused them. Leases created here
 * are revoked on {@link #close()} when so configured. Requests use the client's current token: a lease
 * belongs to the token that created it, and revoking that token revokes its leases.
 *
 * @since 0.1.0
 */
public class DatabaseCredentialsManager implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseCredentialsManager.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

	private final DatabaseRole role;

	private final LeaseOperations leases;

	private final RenewalScheduler scheduler;

	private final Clock clock;

	private final Settings settings;

	private final List<Consumer<DatabaseCredentials>> listeners = new CopyOnWriteArrayList<>();

	private final List<Lease> ownLeases = new CopyOnWriteArrayList<>();

	private final AtomicLong renewals = new AtomicLong();

	private final AtomicLong renewalFailures = new AtomicLong();

	private final AtomicLong rotations = new AtomicLong();

	private final AtomicLong rotationFailures = new AtomicLong();

	private @Nullable DatabaseCredentials current;

	private @Nullable Instant nextAction;

	private RenewalScheduler.@Nullable Cancellable task;

	private volatile @Nullable String lastFailure;

	private volatile boolean closed;

	/**
	 * Create a new instance.
	 * @param role the role
	 * @param leases reads credentials and renews and revokes their leases
	 * @param scheduler runs renewals, rotations and revocations
	 * @param clock the time source
	 * @param settings the settings
	 */
	public DatabaseCredentialsManager(DatabaseRole role, LeaseOperations leases, RenewalScheduler scheduler,
			Clock clock, Settings settings) {
		Assert.notNull(role, "'role' must not be null");
		Assert.notNull(leases, "'leases' must not be null");
		Assert.notNull(scheduler, "'scheduler' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.role = role;
		this.leases = leases;
		this.scheduler = scheduler;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Return the role.
	 * @return the role
	 */
	public DatabaseRole getRole() {
		return this.role;
	}

	/**
	 * Return the location the credentials are known by to the propagation of changed secrets.
	 * @return the location
	 */
	public SecretLocation getLocation() {
		return this.role.location();
	}

	/**
	 * Add a listener told of each new set of credentials (the first ones included), after they replaced
	 * the current ones.
	 * @param listener the listener
	 */
	public void addListener(Consumer<DatabaseCredentials> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.listeners.add(listener);
	}

	/**
	 * Return the current credentials, reading the first ones from Vault.
	 * @return the credentials
	 * @throws DatabaseCredentialsException if the first ones cannot be read
	 */
	public synchronized DatabaseCredentials get() {
		Assert.state(!this.closed, "The database credentials manager is closed");
		DatabaseCredentials credentials = this.current;
		if (credentials == null) {
			try {
				credentials = obtain(1);
			}
			catch (RuntimeException ex) {
				throw new DatabaseCredentialsException(this.role, ex);
			}
			this.current = credentials;
			logger.info("Obtained database credentials from {} (user {}{})", this.role.credentialsPath(),
					credentials.username(), (credentials.lease() != null) ? ", " + credentials.lease() : "");
			scheduleNext(credentials);
			notifyListeners(credentials);
		}
		return credentials;
	}

	/**
	 * Return the current credentials without reading Vault.
	 * @return the credentials, or {@code null} before the first read
	 */
	public synchronized @Nullable DatabaseCredentials getIfObtained() {
		return this.current;
	}

	/**
	 * Read the credentials again now because the database refused them: a static role's are read again,
	 * a dynamic role's lease is replaced when it is no longer valid.
	 */
	public void refreshRejected() {
		DatabaseCredentials replaced;
		synchronized (this) {
			DatabaseCredentials credentials = this.current;
			if (credentials == null || this.closed) {
				return;
			}
			if (this.role.kind() == DatabaseRole.Kind.STATIC) {
				replaced = rereadStatic(credentials);
			}
			else {
				Lease lease = credentials.lease();
				if (lease != null && isValid(lease)) {
					return;
				}
				replaced = rotate(credentials, "its credentials were refused");
			}
		}
		notifyListeners(replaced);
	}

	/**
	 * Replace dynamic credentials because a new login replaced the token: their lease belongs to the
	 * previous token, and Vault revokes a token's leases (dropping the users) when the token ends.
	 */
	public void tokenReplaced() {
		DatabaseCredentials replaced;
		synchronized (this) {
			DatabaseCredentials credentials = this.current;
			if (credentials == null || this.closed || credentials.lease() == null) {
				return;
			}
			replaced = rotate(credentials, "their lease belongs to the token a new login replaced");
		}
		notifyListeners(replaced);
	}

	private boolean isValid(Lease lease) {
		try {
			return this.leases.lookup(lease.id()).ttl().toSeconds() > 0;
		}
		catch (VaultException ex) {
			return ex.isTransient();
		}
	}

	private DatabaseCredentials obtain(long generation) {
		LeasedSecret secret = this.leases.read(this.role.credentialsPath());
		String username = secret.data().getString("username");
		String password = secret.data().getString("password");
		if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
			throw new IllegalStateException("Vault's answer for " + this.role.credentialsPath()
					+ " has no username or password; is " + this.role.role() + " a "
					+ this.role.kind().name().toLowerCase(java.util.Locale.ROOT) + " database role?");
		}
		Instant now = this.clock.instant();
		Lease lease = secret.lease();
		Instant expiresAt = null;
		if (lease != null) {
			this.ownLeases.add(lease);
			expiresAt = now.plus(lease.duration());
		}
		else if (this.role.kind() == DatabaseRole.Kind.STATIC) {
			String ttl = secret.data().getString("ttl");
			expiresAt = (ttl != null && ttl.matches("\\d+")) ? now.plusSeconds(Long.parseLong(ttl)) : null;
		}
		return new DatabaseCredentials(username, password, lease, now, expiresAt, generation);
	}

	private void scheduleNext(DatabaseCredentials credentials) {
		Instant now = this.clock.instant();
		Instant expiresAt = credentials.expiresAt();
		if (expiresAt == null) {
			return;
		}
		if (this.role.kind() == DatabaseRole.Kind.STATIC) {
			schedule(expiresAt.plus(this.settings.staticMargin()), this::staticRotationDue);
			return;
		}
		Lease lease = Objects.requireNonNull(credentials.lease());
		if (!lease.renewable()) {
			schedule(expiresAt.minus(rotationLead(lease.duration())), this::rotationDue);
			return;
		}
		schedule(now.plus(Duration.between(now, expiresAt).multipliedBy(2).dividedBy(3)), this::renewalDue);
	}

	private Duration rotationLead(Duration leaseDuration) {
		Duration third = leaseDuration.dividedBy(3);
		return (third.compareTo(this.settings.revokeDelay()) > 0) ? third : this.settings.revokeDelay();
	}

	private void schedule(Instant at, Runnable action) {
		RenewalScheduler.Cancellable previous = this.task;
		if (previous != null) {
			previous.cancel();
		}
		Duration delay = Duration.between(this.clock.instant(), at);
		this.nextAction = at;
		this.task = this.scheduler.schedule(action, delay.isNegative() ? Duration.ZERO : delay);
	}

	private void renewalDue() {
		DatabaseCredentials replaced = null;
		synchronized (this) {
			DatabaseCredentials credentials = this.current;
			if (credentials == null || this.closed || credentials.lease() == null) {
				return;
			}
			Lease lease = credentials.lease();
			try {
				Duration asked = credentials.lease().duration();
				Lease renewed = this.leases.renew(lease.id(), asked);
				this.renewals.incrementAndGet();
				Instant now = this.clock.instant();
				DatabaseCredentials updated = new DatabaseCredentials(credentials.username(), credentials.password(),
						new Lease(lease.id(), lease.duration(), renewed.renewable()), credentials.obtainedAt(),
						now.plus(renewed.duration()), credentials.generation());
				this.current = updated;
				logger.debug("Renewed the lease of database credentials {} for {}", this.role.name(),
						renewed.duration());
				if (renewed.duration().compareTo(asked) < 0 || !renewed.renewable()) {
					// capped at the role's max_ttl: the lease ends then, whatever is renewed
					Instant rotateAt = now.plus(renewed.duration()).minus(rotationLead(lease.duration()));
					if (rotateAt.isAfter(now)) {
						schedule(rotateAt, this::rotationDue);
					}
					else {
						replaced = rotate(updated, "its lease cannot be renewed past " + updated.expiresAt());
					}
				}
				else {
					scheduleNext(updated);
				}
			}
			catch (VaultException ex) {
				this.renewalFailures.incrementAndGet();
				this.lastFailure = ex.getClass().getSimpleName();
				if (ex.isTransient()) {
					logger.warn("Could not renew the lease of database credentials {} ({}); trying again",
							this.role.name(), ex.getClass().getSimpleName());
					schedule(this.clock.instant().plus(RETRY_DELAY), this::renewalDue);
					return;
				}
				replaced = rotate(credentials, "its lease cannot be renewed (" + ex.getErrors() + ")");
			}
		}
		notifyListeners(replaced);
	}

	private void rotationDue() {
		DatabaseCredentials replaced;
		synchronized (this) {
			DatabaseCredentials credentials = this.current;
			if (credentials == null || this.closed) {
				return;
			}
			replaced = rotate(credentials, "its lease ends at " + credentials.expiresAt());
		}
		notifyListeners(replaced);
	}

	private void staticRotationDue() {
		DatabaseCredentials replaced;
		synchronized (this) {
			DatabaseCredentials credentials = this.current;
			if (credentials == null || this.closed) {
				return;
			}
			replaced = rereadStatic(credentials);
		}
		notifyListeners(replaced);
	}

	/**
	 * Read a static role's credentials again; return them when the password changed.
	 */
	private @Nullable DatabaseCredentials rereadStatic(DatabaseCredentials credentials) {
		try {
			DatabaseCredentials read = obtain(credentials.generation());
			boolean changed = !read.password().equals(credentials.password())
					|| !read.username().equals(credentials.username());
			DatabaseCredentials next = changed ? new DatabaseCredentials(read.username(), read.password(), null,
					read.obtainedAt(), read.expiresAt(), credentials.generation() + 1) : read;
			this.current = next;
			if (changed) {
				this.rotations.incrementAndGet();
				logger.info("Database credentials {} were rotated by Vault (generation {})", this.role.name(),
						next.generation());
			}
			Instant expiresAt = next.expiresAt();
			if (!changed && expiresAt != null && !expiresAt.isAfter(this.clock.instant())) {
				schedule(this.clock.instant().plus(this.settings.staticMargin()), this::staticRotationDue);
			}
			else {
				scheduleNext(next);
			}
			return changed ? next : null;
		}
		catch (RuntimeException ex) {
			this.rotationFailures.incrementAndGet();
			this.lastFailure = ex.getClass().getSimpleName();
			logger.warn("Could not read database credentials {} again ({}); keeping the current ones",
					this.role.name(), ex.getClass().getSimpleName());
			schedule(this.clock.instant().plus(RETRY_DELAY), this::staticRotationDue);
			return null;
		}
	}

	/**
	 * Replace dynamic credentials; return the new ones, or {@code null} when they cannot be read (the
	 * current ones stay, and it is tried again soon).
	 */
	private @Nullable DatabaseCredentials rotate(DatabaseCredentials old, String reason) {
		DatabaseCredentials next;
		try {
			next = obtain(old.generation() + 1);
		}
		catch (RuntimeException ex) {
			this.rotationFailures.incrementAndGet();
			this.lastFailure = ex.getClass().getSimpleName();
			logger.warn("Could not obtain new database credentials {} ({}); keeping the current ones while they last",
					this.role.name(), ex.getClass().getSimpleName());
			schedule(this.clock.instant().plus(RETRY_DELAY), this::rotationDue);
			return null;
		}
		this.current = next;
		this.rotations.incrementAndGet();
		logger.info("Replaced database credentials {} because {}: user {} (generation {}), the previous lease is "
				+ "revoked in {}", this.role.name(), reason, next.username(), next.generation(),
				this.settings.revokeDelay());
		Lease oldLease = old.lease();
		if (oldLease != null) {
			Instant revokeAt = this.clock.instant().plus(this.settings.revokeDelay());
			Instant expiresAt = old.expiresAt();
			if (expiresAt != null && revokeAt.isAfter(expiresAt)) {
				revokeAt = expiresAt;
			}
			Duration delay = Duration.between(this.clock.instant(), revokeAt);
			this.scheduler.schedule(() -> revoke(oldLease), delay.isNegative() ? Duration.ZERO : delay);
		}
		scheduleNext(next);
		return next;
	}

	private void revoke(Lease lease) {
		if (!this.ownLeases.remove(lease)) {
			return;
		}
		try {
			this.leases.revoke(lease.id());
			logger.debug("Revoked {}", lease);
		}
		catch (VaultException ex) {
			logger.warn("Could not revoke {} ({}); it ends with its lease", lease, ex.getClass().getSimpleName());
		}
	}

	private void notifyListeners(@Nullable DatabaseCredentials credentials) {
		if (credentials == null) {
			return;
		}
		for (Consumer<DatabaseCredentials> listener : this.listeners) {
			try {
				listener.accept(credentials);
			}
			catch (RuntimeException ex) {
				logger.warn("Database credentials listener failed ({})", ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * Return the state of the credentials, without the password or the lease id.
	 * @return the status
	 */
	public synchronized Status getStatus() {
		DatabaseCredentials credentials = this.current;
		Lease lease = (credentials != null) ? credentials.lease() : null;
		Instant expiresAt = (credentials != null) ? credentials.expiresAt() : null;
		Long ttl = (expiresAt != null)
				? Math.max(0, Duration.between(this.clock.instant(), expiresAt).toSeconds()) : null;
		return new Status(this.role.name(), this.role.mount(), this.role.role(), this.role.kind(),
				(lease != null) ? lease.maskedId() : null, ttl, (credentials != null) ? credentials.generation() : 0,
				this.renewals.get(), this.renewalFailures.get(), this.rotations.get(), this.rotationFailures.get(),
				this.nextAction, this.lastFailure);
	}

	/**
	 * Return the leases created here that are not revoked yet.
	 * @return the leases
	 */
	public List<Lease> getOwnLeases() {
		return List.copyOf(this.ownLeases);
	}

	/**
	 * Stop renewing and, when so configured, revoke the leases created here.
	 */
	@Override
	public void close() {
		RenewalScheduler.Cancellable task;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			task = this.task;
			this.task = null;
		}
		if (task != null) {
			task.cancel();
		}
		if (this.settings.revokeOnShutdown()) {
			for (Lease lease : new ArrayList<>(this.ownLeases)) {
				revoke(lease);
			}
		}
	}

	/**
	 * How credentials are kept alive.
	 *
	 * @param revokeDelay how long old dynamic credentials stay valid after new ones were handed out, for
	 * connections to drain; also the least remaining life at which they are replaced
	 * @param staticMargin how long after a static role's announced rotation it is read again
	 * @param revokeOnShutdown whether leases created here are revoked on close
	 * @since 0.1.0
	 */
	public record Settings(Duration revokeDelay, Duration staticMargin, boolean revokeOnShutdown) {

		/**
		 * Create a new instance.
		 */
		public Settings {
			Assert.isTrue(revokeDelay != null && !revokeDelay.isNegative(), "'revokeDelay' must not be negative");
			Assert.isTrue(staticMargin != null && !staticMargin.isNegative(), "'staticMargin' must not be negative");
		}

	}

	/**
	 * The state of a role's credentials: never the password or the lease id.
	 *
	 * @param name the name of this set of credentials
	 * @param mount the engine's mount
	 * @param role the role
	 * @param kind dynamic or static
	 * @param leaseId the masked lease id, or {@code null}
	 * @param ttlSeconds how long the credentials have left, or {@code null} when unknown
	 * @param generation the credentials obtained so far
	 * @param renewals successful lease renewals
	 * @param renewalFailures failed lease renewals
	 * @param rotations credentials replaced
	 * @param rotationFailures failed replacements
	 * @param nextAction when the next renewal or rotation is due, or {@code null}
	 * @param lastFailure the type of the last failure, or {@code null}
	 * @since 0.1.0
	 */
	public record Status(String name, String mount, String role, DatabaseRole.Kind kind, @Nullable String leaseId,
			@Nullable Long ttlSeconds, long generation, long renewals, long renewalFailures, long rotations,
			long rotationFailures, @Nullable Instant nextAction, @Nullable String lastFailure) {

	}

}
