package dev.vaultkv.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.RateLimitedException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * The default {@link SessionManager}. It logs in lazily on the first {@link #getToken()}, renews the
 * token in the background ahead of its expiry, logs in again in the background when the token cannot be
 * renewed any further, and replaces a token Vault rejected exactly once however many threads report it.
 * Callers wait for Vault only when no valid token is held.
 * <p>
 * Renewal happens when {@link Builder#renewalFraction(double) a fraction} of the TTL has elapsed or
 * {@link Builder#expiryThreshold(Duration) the expiry threshold} before expiry, whichever comes first,
 * minus a small random jitter so that replicas do not renew in step. The next renewal is scheduled from
 * the TTL Vault granted; when Vault grants less than the threshold (the token reached its max TTL), a
 * new token is obtained by login. With jitter (the default), a renewal that Vault capped at the token's
 * max TTL is the last: the next login falls at a random point between half the renewal delay and the
 * renewal delay, since replicas that logged in together reach their max TTL together whatever the
 * renewal jitter. Tokens that are not renewable (batch tokens, {@code renewable:false})
 * are replaced by login before they expire. Failed renewals are retried with a bounded exponential
 * backoff until the token expires.
 * <p>
 * A 403 is a dead token when Vault says {@code invalid token} (Vault 1.17 and later); otherwise the
 * token is checked with {@code auth/token/lookup-self}: a 200 means a plain policy denial, and the
 * original exception is rethrown. If the freshly obtained token may not look itself up either (tokens
 * without the {@code default} policy), later plain 403s are taken as policy denials, so that denials
 * never cause a login each.
 * <p>
 * Every request this class sends carries its token explicitly, so the {@link VaultClient} may be the
 * one that uses this session manager as its token provider.
 *
 * @since 0.1.0
 */
public final class DefaultSessionManager implements SessionManager {

	static final String RENEW_SELF = "auth/token/renew-self";

	static final String REVOKE_SELF = "auth/token/revoke-self";

	private static final Logger logger = LoggerFactory.getLogger(DefaultSessionManager.class);

	private static final List<String> NOT_RENEWABLE = List.of("lease is not renewable", "past the max TTL",
			"token not found", "batch tokens cannot be renewed", "lease expired", "invalid lease ID");

	private static final Duration MIN_RETRY_DELAY = Duration.ofMillis(100);

	private final ClientAuthentication authentication;

	private final VaultClient client;

	private final RenewalScheduler scheduler;

	private final @Nullable ScheduledThreadPoolExecutor ownedExecutor;

	private final Clock clock;

	private final Duration expiryThreshold;

	private final double renewalFraction;

	private final double jitter;

	private final DoubleSupplier random;

	private final Duration minBackoff;

	private final Duration maxBackoff;

	private final @Nullable Duration renewalIncrement;

	private final SessionListener listener;

	private final String method;

	private final boolean ownsTokens;

	private final boolean canObtainNewToken;

	private final String externalToken;

	private final String replacementAdvice;

	private final ReentrantLock lock = new ReentrantLock();

	private final ConcurrentHashMap<VaultToken, CompletableFuture<VaultToken>> rejections = new ConcurrentHashMap<>();

	private volatile @Nullable Session session;

	private volatile boolean closed;

	private volatile boolean lookupSelfDenied;

	private RenewalScheduler.@Nullable Cancellable scheduled;

	private int failures;

	/**
	 * Create a session manager with the default settings and its own daemon scheduler thread.
	 * @param authentication how to log in
	 * @param client the client to log in, renew and revoke with
	 */
	public DefaultSessionManager(ClientAuthentication authentication, VaultClient client) {
		this(builder(authentication, client));
	}

	private DefaultSessionManager(Builder builder) {
		this.authentication = builder.authentication;
		this.client = builder.client;
		if (builder.scheduler != null) {
			this.scheduler = builder.scheduler;
			this.ownedExecutor = null;
		}
		else {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "vaultkv-session");
				thread.setDaemon(true);
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			this.ownedExecutor = executor;
			this.scheduler = RenewalScheduler.of(executor);
		}
		this.clock = builder.clock;
		this.expiryThreshold = builder.expiryThreshold;
		this.renewalFraction = builder.renewalFraction;
		this.jitter = builder.jitter;
		this.random = builder.random;
		this.minBackoff = builder.minBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.renewalIncrement = builder.renewalIncrement;
		this.listener = new CompositeListener(List.copyOf(builder.listeners));
		this.method = this.authentication.getMethodName();
		this.ownsTokens = !(this.authentication instanceof ExternalTokenAuthentication);
		this.canObtainNewToken = !(this.authentication instanceof ExternalTokenAuthentication external)
				|| external.canObtainNewToken();
		ExternalTokenAuthentication external = (this.authentication instanceof ExternalTokenAuthentication e) ? e
				: null;
		this.externalToken = (external != null) ? external.getTokenDescription() : "Vault token";
		this.replacementAdvice = (external != null) ? external.getReplacementAdvice()
				: ExternalTokenAuthentication.DEFAULT_REPLACEMENT_ADVICE;
	}

	/**
	 * Start building a session manager.
	 * @param authentication how to log in
	 * @param client the client to log in, renew and revoke with
	 * @return a builder
	 */
	public static Builder builder(ClientAuthentication authentication, VaultClient client) {
		return new Builder(authentication, client);
	}

	@Override
	public VaultToken getToken() {
		Session current = this.session;
		if (current != null && !isExpired(current)) {
			return current.token();
		}
		this.lock.lock();
		try {
			ensureOpen();
			current = this.session;
			if (current != null && !isExpired(current)) {
				return current.token();
			}
			if (current != null) {
				tokenEnded(current, "it expired before it could be renewed or replaced");
				if (!this.canObtainNewToken) {
					throw new AuthenticationException("The " + this.externalToken + " expired at "
							+ current.expiresAt() + " and cannot be replaced; " + this.replacementAdvice, null, null, 0,
							List.of(), null);
				}
			}
			return obtain((current != null) ? "the token expired" : "no token held").token();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public VaultToken handleRejection(VaultToken rejected, PermissionDeniedException cause) {
		Assert.notNull(rejected, "'rejected' must not be null");
		Assert.notNull(cause, "'cause' must not be null");
		ensureOpen();
		Session current = this.session;
		if (current != null && !current.token().equals(rejected)) {
			return current.token();
		}
		CompletableFuture<VaultToken> mine = new CompletableFuture<>();
		CompletableFuture<VaultToken> inflight = this.rejections.putIfAbsent(rejected, mine);
		if (inflight == null) {
			try {
				mine.complete(resolveRejection(rejected, cause));
			}
			catch (RuntimeException ex) {
				mine.completeExceptionally(ex);
			}
			finally {
				this.rejections.remove(rejected, mine);
			}
			inflight = mine;
		}
		try {
			return inflight.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof TokenStillValid) {
				throw cause;
			}
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
	}

	private VaultToken resolveRejection(VaultToken rejected, PermissionDeniedException cause) {
		Session current = this.session;
		if (current != null && !current.token().equals(rejected)) {
			return current.token();
		}
		Verdict verdict = cause.isInvalidToken() ? Verdict.DEAD : check(rejected, cause);
		if (verdict == Verdict.VALID) {
			logger.debug("Vault denied a request but the token is valid: a policy denial");
			throw TokenStillValid.INSTANCE;
		}
		this.lock.lock();
		try {
			ensureOpen();
			current = this.session;
			if (current != null && !current.token().equals(rejected)) {
				return current.token();
			}
			if (current != null) {
				cancelScheduled();
				tokenEnded(current, "Vault rejected it");
			}
			if (!this.canObtainNewToken) {
				throw new AuthenticationException("Vault rejected the " + this.externalToken + ": it is invalid, "
						+ "expired or revoked (or lacks the 'default' policy that allows auth/token/lookup-self); "
						+ this.replacementAdvice,
						cause.getOperation(), cause.getPath(), cause.getStatus(), cause.getErrors(), cause);
			}
			this.session = null;
			logger.info("Vault rejected the current token; obtaining a new one with {}", this.method);
			Session next;
			try {
				next = obtain("Vault rejected the previous token");
			}
			catch (VaultException ex) {
				throw new AuthenticationException("Vault rejected the token and obtaining a new one with "
						+ this.method + " failed", ex.getOperation(), ex.getPath(), ex.getStatus(), ex.getErrors(), ex);
			}
			if (next.token().equals(rejected)) {
				this.session = null;
				cancelScheduled();
				throw new AuthenticationException("Vault rejected the token and " + this.method
						+ " authentication gave the same token again; make it provide a valid token",
						cause.getOperation(), cause.getPath(), cause.getStatus(), cause.getErrors(), cause);
			}
			if (verdict == Verdict.DEAD_OR_LOOKUP_DENIED && check(next.token(), cause) != Verdict.VALID) {
				this.lookupSelfDenied = true;
				logger.warn("Tokens obtained with {} may not call {} (they lack the 'default' policy), so a 403 "
						+ "cannot be told apart from a dead token; from now on a 403 without 'invalid token' is taken "
						+ "as a policy denial", this.method, TokenLookup.LOOKUP_SELF);
			}
			return next.token();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Tell a dead token from a plain policy denial with {@code auth/token/lookup-self}: Vault 1.17 and
	 * later say {@code invalid token} for a dead one; older Vault and OpenBao answer a plain 403, as they
	 * do for a live token without the {@code default} policy.
	 * @param token the token to check
	 * @param cause the original denial, which keeps a failed check as suppressed
	 * @return the verdict
	 */
	private Verdict check(VaultToken token, PermissionDeniedException cause) {
		if (this.lookupSelfDenied) {
			return Verdict.VALID;
		}
		try {
			this.client.execute(VaultRequest.get(TokenLookup.LOOKUP_SELF).token(token).build());
			return Verdict.VALID;
		}
		catch (PermissionDeniedException ex) {
			return ex.isInvalidToken() ? Verdict.DEAD : Verdict.DEAD_OR_LOOKUP_DENIED;
		}
		catch (VaultException ex) {
			logger.debug("Could not check the rejected token with {}; keeping the original denial",
					TokenLookup.LOOKUP_SELF, ex);
			cause.addSuppressed(ex);
			return Verdict.VALID;
		}
	}

	@Override
	public TokenState renew(@Nullable Duration increment) {
		Assert.isTrue(increment == null || (!increment.isNegative() && !increment.isZero()),
				"'increment' must be positive");
		getToken();
		this.lock.lock();
		try {
			ensureOpen();
			Session current = this.session;
			Assert.state(current != null, "No Vault token held");
			Assert.state(current.state().renewable(), "The Vault token is not renewable");
			cancelScheduled();
			VaultResponse response;
			try {
				response = this.client.execute(renewRequest(current, increment));
			}
			catch (VaultException ex) {
				schedule(current);
				throw ex;
			}
			Session next = renewed(current, response.requireAuth());
			logger.info("Renewed the Vault token on request: TTL {}s", (next.expiresAt() != null)
					? Duration.between(this.clock.instant(), next.expiresAt()).toSeconds() : 0);
			schedule(next);
			return next.state();
		}
		finally {
			this.lock.unlock();
		}
	}

	private VaultRequest renewRequest(Session current, @Nullable Duration increment) {
		VaultRequest.Builder request = VaultRequest.post(RENEW_SELF).token(current.token());
		if (increment != null) {
			request.body(java.util.Map.of("increment", Math.max(1, increment.toSeconds())));
		}
		return request.build();
	}

	private Session renewed(Session current, VaultAuth renewed) {
		this.failures = 0;
		Instant now = this.clock.instant();
		Duration ttl = Duration.ofSeconds(Math.max(0, renewed.leaseDuration()));
		Instant expiresAt = ttl.isZero() ? null : now.plus(ttl);
		TokenState state = new TokenState(current.state().accessor(), current.state().obtainedAt(), expiresAt,
				renewed.renewable() && current.state().renewable(), this.ownsTokens);
		Session next = new Session(current.token(), state, current.threshold());
		this.session = next;
		notifyListener((listener) -> listener.onRenewal(state));
		return next;
	}

	@Override
	public void logout(boolean revoke) {
		this.lock.lock();
		try {
			ensureOpen();
			cancelScheduled();
			Session current = this.session;
			this.session = null;
			if (current == null) {
				return;
			}
			if (revoke && this.ownsTokens && !isExpired(current)) {
				revoke(current);
			}
			else {
				logger.info("Dropped the Vault token obtained with {} without revoking it", this.method);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public @Nullable TokenState getTokenState() {
		Session current = this.session;
		return (current != null) ? current.state() : null;
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			cancelScheduled();
			Session current = this.session;
			this.session = null;
			if (current != null && this.ownsTokens && !isExpired(current)) {
				revoke(current);
			}
		}
		finally {
			this.lock.unlock();
			if (this.ownedExecutor != null) {
				this.ownedExecutor.shutdownNow();
			}
		}
	}

	private void revoke(Session current) {
		try {
			this.client.execute(VaultRequest.post(REVOKE_SELF).token(current.token()).build());
			logger.info("Revoked the Vault token obtained with {}", this.method);
			notifyListener((listener) -> listener.onRevoked(current.state()));
		}
		catch (VaultException ex) {
			logger.debug("Revoking the Vault token obtained with {} failed", this.method, ex);
		}
	}

	private Session obtain(String reason) {
		VaultAuth auth;
		try {
			auth = this.authentication.login(this.client);
		}
		catch (VaultException ex) {
			notifyListener((listener) -> listener.onLoginFailure(this.method, ex));
			throw ex;
		}
		catch (RuntimeException ex) {
			AuthenticationException failure = new AuthenticationException("Obtaining a Vault token with "
					+ this.method + " failed (" + ex.getClass().getName() + ")", null, null, 0, List.of(), ex);
			notifyListener((listener) -> listener.onLoginFailure(this.method, failure));
			throw failure;
		}
		Assert.state(auth != null, () -> this.method + " authentication returned no auth");
		Instant now = this.clock.instant();
		Duration ttl = Duration.ofSeconds(Math.max(0, auth.leaseDuration()));
		Instant expiresAt = ttl.isZero() ? null : now.plus(ttl);
		boolean renewable = auth.renewable() && !"batch".equals(auth.tokenType());
		TokenState state = new TokenState(auth.accessor(), now, expiresAt, renewable, this.ownsTokens);
		Duration threshold = reloginThreshold(ttl);
		Session next = new Session(auth.clientToken(), state, threshold);
		this.session = next;
		this.failures = 0;
		logger.info("Obtained a Vault token with {} ({}): {}", this.method, reason, describe(ttl, renewable,
				auth.tokenType()));
		notifyListener((listener) -> listener.onLogin(this.method, state));
		schedule(next);
		return next;
	}

	/**
	 * Return the TTL below which a renewed token counts as having reached its max TTL: the expiry
	 * threshold, but at most half the TTL of a fresh token, so that short-lived tokens are renewed rather
	 * than replaced by login after every renewal.
	 * @param ttl the TTL of a fresh token
	 * @return the threshold
	 */
	private Duration reloginThreshold(Duration ttl) {
		Duration half = ttl.dividedBy(2);
		return (half.compareTo(this.expiryThreshold) < 0) ? half : this.expiryThreshold;
	}

	private void schedule(Session current) {
		cancelScheduled();
		Instant expiresAt = current.expiresAt();
		if (expiresAt == null) {
			logger.info("The Vault token ({} authentication) does not expire; no renewal scheduled", this.method);
			return;
		}
		Duration ttl = Duration.between(this.clock.instant(), expiresAt);
		Duration delay = renewalDelay(ttl);
		if (current.state().renewable()) {
			logger.info("Scheduled renewal of the Vault token in {}s (expires at {})", delay.toSeconds(), expiresAt);
			scheduleTask(() -> renew(current), delay);
		}
		else if (this.canObtainNewToken) {
			logger.info("The Vault token is not renewable; scheduled a new login with {} in {}s (expires at {})",
					this.method, delay.toSeconds(), expiresAt);
			scheduleTask(() -> relogin(current, "the token is not renewable"), delay);
		}
		else {
			logger.warn("The {} is not renewable and expires at {}; {}", this.externalToken, expiresAt,
					this.replacementAdvice);
		}
	}

	private Duration renewalDelay(Duration ttl) {
		long ttlMillis = Math.max(0, ttl.toMillis());
		long byFraction = (long) (ttlMillis * this.renewalFraction);
		long byThreshold = ttlMillis - this.expiryThreshold.toMillis();
		long delay = (byThreshold > 0) ? Math.min(byFraction, byThreshold) : byFraction;
		delay -= (long) (delay * this.jitter * this.random.getAsDouble());
		return Duration.ofMillis(Math.max(0, delay));
	}

	/**
	 * Return when to log in again once a renewal was capped by the max TTL: at a uniformly random point
	 * between half the usual renewal delay and that delay.
	 */
	private Duration reloginDelay(Duration ttl) {
		long ttlMillis = Math.max(0, ttl.toMillis());
		long byFraction = (long) (ttlMillis * this.renewalFraction);
		long byThreshold = ttlMillis - this.expiryThreshold.toMillis();
		long delay = (byThreshold > 0) ? Math.min(byFraction, byThreshold) : byFraction;
		delay -= (long) (delay * 0.5 * this.random.getAsDouble());
		return Duration.ofMillis(Math.max(0, delay));
	}

	private void renew(Session current) {
		this.lock.lock();
		try {
			if (this.closed || this.session != current) {
				return;
			}
			this.scheduled = null;
			VaultResponse response;
			VaultAuth renewed;
			try {
				response = this.client.execute(renewRequest(current, this.renewalIncrement));
				renewed = response.requireAuth();
			}
			catch (VaultException ex) {
				renewalFailed(current, ex);
				return;
			}
			Session next = renewed(current, renewed);
			Instant expiresAt = next.expiresAt();
			Duration ttl = (expiresAt != null) ? Duration.between(this.clock.instant(), expiresAt) : Duration.ZERO;
			boolean capped = response.warnings().stream().anyMatch((warning) -> warning.contains("max_ttl"));
			if (expiresAt != null && ttl.compareTo(current.threshold()) < 0) {
				logger.info("Renewed the Vault token but Vault granted only {}s (max TTL reached)", ttl.toSeconds());
				tokenEnded(next, "it reached its max TTL");
				if (this.canObtainNewToken) {
					reloginLocked(next, "the token reached its max TTL");
				}
				else {
					logger.warn("The {} reached its max TTL and expires at {}; {}", this.externalToken, expiresAt,
							this.replacementAdvice);
				}
				return;
			}
			if (capped && expiresAt != null && this.jitter > 0 && this.canObtainNewToken) {
				// the max TTL is fixed at login: replicas that logged in together would reach it together
				// whatever the renewal jitter, so the next login falls at a random point of what is left
				Duration delay = reloginDelay(ttl);
				logger.info("Renewed the Vault token up to its max TTL ({}s left); scheduled a new login with {} in {}s",
						ttl.toSeconds(), this.method, delay.toSeconds());
				cancelScheduled();
				scheduleTask(() -> relogin(next, "the token approaches its max TTL"), delay);
				return;
			}
			logger.info("Renewed the Vault token: TTL {}s{}", ttl.toSeconds(),
					capped ? " (capped by Vault at the token's max TTL)" : "");
			schedule(next);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void renewalFailed(Session current, VaultException ex) {
		notifyListener((listener) -> listener.onRenewalFailure(current.state(), ex));
		if (ex instanceof PermissionDeniedException || NOT_RENEWABLE.stream()
			.anyMatch((message) -> ex.getErrors().stream().anyMatch((error) -> error.contains(message)))) {
			tokenEnded(current, "Vault will not renew it");
			if (this.canObtainNewToken) {
				logger.info("Vault will not renew the token ({}); obtaining a new one with {}", ex.getMessage(),
						this.method);
				reloginLocked(current, "Vault would not renew the token");
			}
			else {
				logger.warn("Vault will not renew the {} ({}); it expires at {}; {}", this.externalToken,
						ex.getMessage(), current.expiresAt(), this.replacementAdvice);
				logger.debug("Renewal failure", ex);
			}
			return;
		}
		this.failures++;
		Duration retry = retryDelay(current, ex);
		if (retry == null) {
			logger.warn("Renewing the Vault token failed ({}) and the token has expired", ex.getMessage());
			logger.debug("Renewal failure", ex);
			if (this.canObtainNewToken) {
				reloginLocked(current, "the token expired");
			}
			return;
		}
		logger.warn("Renewing the Vault token failed ({}); retrying in {}ms", ex.getMessage(), retry.toMillis());
		logger.debug("Renewal failure", ex);
		scheduleTask(() -> renew(current), retry);
	}

	private void relogin(Session current, String reason) {
		this.lock.lock();
		try {
			if (this.closed || this.session != current) {
				return;
			}
			this.scheduled = null;
			reloginLocked(current, reason);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void reloginLocked(Session current, String reason) {
		int failed = this.failures;
		try {
			obtain(reason);
		}
		catch (VaultException ex) {
			this.failures = failed + 1;
			Duration retry = retryDelay(current, ex);
			if (retry == null) {
				logger.warn("Obtaining a new Vault token with {} failed ({}) and the current token has expired; "
						+ "the next request will try again", this.method, ex.getMessage());
				logger.debug("Login failure", ex);
				return;
			}
			logger.warn("Obtaining a new Vault token with {} failed ({}); retrying in {}ms", this.method,
					ex.getMessage(), retry.toMillis());
			logger.debug("Login failure", ex);
			scheduleTask(() -> relogin(current, reason), retry);
		}
	}

	/**
	 * Return the delay before the next background attempt, growing exponentially with the number of
	 * consecutive failures within the backoff bounds, at least the delay a rate-limited answer asked for,
	 * and never past the token's expiry.
	 * @param current the session
	 * @param failure the failure
	 * @return the delay, or {@code null} when the token has expired
	 */
	private @Nullable Duration retryDelay(Session current, VaultException failure) {
		int exponent = Math.min(this.failures - 1, 30);
		Duration delay = this.minBackoff.multipliedBy(1L << Math.max(0, exponent));
		if (delay.compareTo(this.maxBackoff) > 0 || delay.isNegative()) {
			delay = this.maxBackoff;
		}
		if (failure instanceof RateLimitedException rateLimited && rateLimited.getRetryAfter() != null
				&& rateLimited.getRetryAfter().compareTo(delay) > 0) {
			delay = rateLimited.getRetryAfter();
		}
		Instant expiresAt = current.expiresAt();
		if (expiresAt == null) {
			return delay;
		}
		Duration remaining = Duration.between(this.clock.instant(), expiresAt);
		if (remaining.compareTo(MIN_RETRY_DELAY) <= 0) {
			return null;
		}
		Duration half = remaining.dividedBy(2);
		if (delay.compareTo(half) > 0) {
			delay = (half.compareTo(MIN_RETRY_DELAY) > 0) ? half : remaining;
		}
		return delay;
	}

	private void scheduleTask(Runnable task, Duration delay) {
		cancelScheduled();
		Runnable guarded = () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Vault token maintenance failed ({})", ex.getClass().getName());
				logger.debug("Vault token maintenance failure", ex);
			}
		};
		this.scheduled = this.scheduler.schedule(guarded, delay);
	}

	private void cancelScheduled() {
		RenewalScheduler.Cancellable task = this.scheduled;
		this.scheduled = null;
		if (task != null) {
			task.cancel();
		}
	}

	private void tokenEnded(Session current, String reason) {
		notifyListener((listener) -> listener.onTokenExpired(current.state(), reason));
	}

	private boolean isExpired(Session current) {
		Instant expiresAt = current.expiresAt();
		return expiresAt != null && !this.clock.instant().isBefore(expiresAt);
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("The Vault session manager is closed");
		}
	}

	private void notifyListener(Consumer<SessionListener> event) {
		try {
			event.accept(this.listener);
		}
		catch (RuntimeException ex) {
			logger.warn("A Vault session listener failed ({})", ex.getClass().getName());
			logger.debug("Session listener failure", ex);
		}
	}

	private static String describe(Duration ttl, boolean renewable, String tokenType) {
		return (ttl.isZero() ? "no expiry" : "TTL " + ttl.toSeconds() + "s") + ", "
				+ (renewable ? "renewable" : "not renewable")
				+ (tokenType.isEmpty() ? "" : ", " + tokenType.toLowerCase(Locale.ROOT) + " token");
	}

	@Override
	public String toString() {
		TokenState state = getTokenState();
		return "DefaultSessionManager[method=" + this.method + ((state != null)
				? ", expiresAt=" + state.expiresAt() + ", renewable=" + state.renewable() : ", no token") + "]";
	}

	/**
	 * The token held and what is known of it.
	 */
	private record Session(VaultToken token, TokenState state, Duration threshold) {

		@Nullable Instant expiresAt() {
			return this.state.expiresAt();
		}

	}

	/**
	 * Calls each listener in turn, so that one failing listener does not keep the event from the others.
	 */
	private record CompositeListener(List<SessionListener> listeners) implements SessionListener {

		@Override
		public void onLogin(String method, TokenState state) {
			each((listener) -> listener.onLogin(method, state));
		}

		@Override
		public void onLoginFailure(String method, VaultException failure) {
			each((listener) -> listener.onLoginFailure(method, failure));
		}

		@Override
		public void onRenewal(TokenState state) {
			each((listener) -> listener.onRenewal(state));
		}

		@Override
		public void onRenewalFailure(TokenState state, VaultException failure) {
			each((listener) -> listener.onRenewalFailure(state, failure));
		}

		@Override
		public void onTokenExpired(TokenState state, String reason) {
			each((listener) -> listener.onTokenExpired(state, reason));
		}

		@Override
		public void onRevoked(TokenState state) {
			each((listener) -> listener.onRevoked(state));
		}

		private void each(Consumer<SessionListener> event) {
			for (SessionListener listener : this.listeners) {
				try {
					event.accept(listener);
				}
				catch (RuntimeException ex) {
					logger.warn("A Vault session listener failed ({})", ex.getClass().getName());
					logger.debug("Session listener failure", ex);
				}
			}
		}

	}

	/**
	 * What {@code lookup-self} says of a rejected token.
	 */
	private enum Verdict {

		VALID, DEAD, DEAD_OR_LOOKUP_DENIED

	}

	/**
	 * The verdict that a rejected token is still valid, shared by the threads that reported it.
	 */
	private static final class TokenStillValid extends RuntimeException {

		private static final long serialVersionUID = 1L;

		static final TokenStillValid INSTANCE = new TokenStillValid();

		private TokenStillValid() {
			super("The token is valid", null, false, false);
		}

	}

	/**
	 * Builds a {@link DefaultSessionManager}.
	 */
	public static final class Builder {

		private final ClientAuthentication authentication;

		private final VaultClient client;

		private @Nullable RenewalScheduler scheduler;

		private Clock clock = Clock.systemUTC();

		private Duration expiryThreshold = Duration.ofSeconds(30);

		private double renewalFraction = 2.0 / 3.0;

		private double jitter = 0.1;

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Duration minBackoff = Duration.ofSeconds(1);

		private Duration maxBackoff = Duration.ofMinutes(1);

		private final List<SessionListener> listeners = new ArrayList<>();

		private @Nullable Duration renewalIncrement;

		private Builder(ClientAuthentication authentication, VaultClient client) {
			Assert.notNull(authentication, "'authentication' must not be null");
			Assert.notNull(client, "'client' must not be null");
			this.authentication = authentication;
			this.client = client;
		}

		/**
		 * Run renewals and background logins on this scheduler instead of an own daemon thread.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(RenewalScheduler scheduler) {
			Assert.notNull(scheduler, "'scheduler' must not be null");
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Set the clock that decides when a token expires.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Set how long before expiry the token is renewed at the latest; a renewal that leaves less than
		 * this (the token reached its max TTL) leads to a new login (for that check the threshold is capped
		 * at half the TTL of a fresh token). Default 30 seconds.
		 * @param expiryThreshold the threshold
		 * @return this builder
		 */
		public Builder expiryThreshold(Duration expiryThreshold) {
			Assert.notNull(expiryThreshold, "'expiryThreshold' must not be null");
			Assert.isTrue(!expiryThreshold.isNegative(), "'expiryThreshold' must not be negative");
			this.expiryThreshold = expiryThreshold;
			return this;
		}

		/**
		 * Set the fraction of the TTL after which the token is renewed. Default 2/3.
		 * @param renewalFraction the fraction, greater than 0 and less than 1
		 * @return this builder
		 */
		public Builder renewalFraction(double renewalFraction) {
			Assert.isTrue(renewalFraction > 0 && renewalFraction < 1, "'renewalFraction' must be between 0 and 1");
			this.renewalFraction = renewalFraction;
			return this;
		}

		/**
		 * Set the largest share of the renewal delay taken off at random, so that replicas do not renew in
		 * step. Default 0.1.
		 * @param jitter the jitter, from 0 (none) to 0.5
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter <= 0.5, "'jitter' must be between 0 and 0.5");
			this.jitter = jitter;
			return this;
		}

		/**
		 * Set the source of randomness for the jitter (for tests).
		 * @param random returns values from 0 (inclusive) to 1 (exclusive)
		 * @return this builder
		 */
		public Builder random(DoubleSupplier random) {
			Assert.notNull(random, "'random' must not be null");
			this.random = random;
			return this;
		}

		/**
		 * Set the bounds of the exponential backoff between failed background renewals or logins.
		 * Default 1 second to 1 minute.
		 * @param min the first delay
		 * @param max the longest delay
		 * @return this builder
		 */
		public Builder retryBackoff(Duration min, Duration max) {
			Assert.notNull(min, "'min' must not be null");
			Assert.notNull(max, "'max' must not be null");
			Assert.isTrue(!min.isNegative() && !min.isZero(), "'min' must be positive");
			Assert.isTrue(max.compareTo(min) >= 0, "'max' must not be less than 'min'");
			this.minBackoff = min;
			this.maxBackoff = max;
			return this;
		}

		/**
		 * Ask for this TTL on each background renewal ({@code increment} of
		 * {@code auth/token/renew-self}) instead of the token's default; Vault caps it at the token's max
		 * TTL. Default none.
		 * @param renewalIncrement the TTL to ask for, or {@code null} for the token's default
		 * @return this builder
		 */
		public Builder renewalIncrement(@Nullable Duration renewalIncrement) {
			Assert.isTrue(renewalIncrement == null || (!renewalIncrement.isNegative() && !renewalIncrement.isZero()),
					"'renewalIncrement' must be positive");
			this.renewalIncrement = renewalIncrement;
			return this;
		}

		/**
		 * Add a listener for login, renewal and expiry events; listeners are called in the order added.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder addListener(SessionListener listener) {
			Assert.notNull(listener, "'listener' must not be null");
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Build the session manager.
		 * @return the session manager
		 */
		public DefaultSessionManager build() {
			return new DefaultSessionManager(this);
		}

	}

}
