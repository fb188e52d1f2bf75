package dev.vaultkv.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.vaultkv.client.RateLimitedException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultSealedException;

/**
 * {@link VaultClient} decorator that retries transient failures ({@link VaultException#isTransient()}:
 * connection failures, 5xx, sealed, 429) with exponential back-off and jitter, within a number of
 * attempts and a total time. A 429's {@code Retry-After} is honoured: the next attempt waits at least
 * that long, and the request fails at once when that would overrun the total time. 400, 403, 404 and
 * other permanent failures are never retried.
 * <p>
 * Reads, lists and logins ({@code auth/...}) are retried on every transient failure. Other writes are
 * retried only when Vault certainly did not process them (429, sealed, 503), since a write whose answer
 * was lost may have been applied.
 * <p>
 * When retries are exhausted the last failure is thrown, its message ending with the number of attempts and
 * the time spent ({@link VaultException#getAttempts()}); the earlier failures are logged at debug, not
 * attached, so that a startup failure reads as one line rather than a chain of suppressed exceptions. A
 * failure that already exhausted the retries of an inner client (a login inside a read) is not retried
 * again, so that retries do not multiply. During a startup with {@code vault.fail-fast=false}, see
 * {@link StartupReachability}.
 *
 * @since 0.1.0
 */
public final class RetryingVaultClient implements VaultClient {

	private static final Logger logger = LoggerFactory.getLogger(RetryingVaultClient.class);

	private static final ThreadLocal<@Nullable Call> CURRENT = new ThreadLocal<>();

	private final VaultClient delegate;

	private final RetryTemplate retryTemplate;

	private final long totalTimeoutNanos;

	private final StartupReachability reachability;

	/**
	 * Create a new instance.
	 * @param delegate the client to send requests with
	 * @param settings the retry bounds
	 */
	public RetryingVaultClient(VaultClient delegate, VaultRetrySettings settings) {
		this(delegate, settings, new RetryListener() {
		});
	}

	/**
	 * Create a new instance whose retries are reported to a listener (for metrics).
	 * @param delegate the client to send requests with
	 * @param settings the retry bounds
	 * @param listener receives retry events; the {@link org.springframework.core.retry.Retryable}'s name
	 * is {@code vault <method> <path>}
	 */
	public RetryingVaultClient(VaultClient delegate, VaultRetrySettings settings, RetryListener listener) {
		this(delegate, settings, listener, new StartupReachability(false));
	}

	/**
	 * Create a new instance whose retries are reported to a listener and that, during startup, fails at
	 * once once Vault was found unreachable.
	 * @param delegate the client to send requests with
	 * @param settings the retry bounds
	 * @param listener receives retry events; the {@link org.springframework.core.retry.Retryable}'s name
	 * is {@code vault <method> <path>}
	 * @param reachability remembers an unreachable Vault during startup
	 */
	public RetryingVaultClient(VaultClient delegate, VaultRetrySettings settings, RetryListener listener,
			StartupReachability reachability) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(listener, "'listener' must not be null");
		Assert.notNull(reachability, "'reachability' must not be null");
		this.delegate = delegate;
		this.reachability = reachability;
		this.totalTimeoutNanos = settings.totalTimeout().toNanos();
		ExponentialBackOff exponential = new ExponentialBackOff(settings.initialInterval().toMillis(),
				settings.multiplier());
		exponential.setMaxInterval(settings.maxInterval().toMillis());
		exponential.setJitter(settings.jitter().toMillis());
		exponential.setMaxAttempts(settings.maxAttempts() - 1);
		RetryPolicy policy = RetryPolicy.builder()
			.backOff(new RetryAfterBackOff(exponential))
			.timeout(settings.totalTimeout())
			.predicate(this::isRetryable)
			.build();
		this.retryTemplate = new RetryTemplate(policy);
		this.retryTemplate.setRetryListener(listener);
	}

	@Override
	public VaultResponse execute(VaultRequest request) {
		VaultException unreachable = this.reachability.failFast(request);
		if (unreachable != null) {
			throw unreachable;
		}
		Call previous = CURRENT.get();
		long startedAt = System.nanoTime();
		CURRENT.set(new Call(request, startedAt));
		try {
			return this.retryTemplate.execute(new Attempt(request));
		}
		catch (RetryException ex) {
			Throwable last = ex.getCause();
			if (last instanceof VaultException vaultException) {
				int attempts = ex.getExceptions().size();
				if (attempts > 1) {
					vaultException.retriesExhausted(attempts, Duration.ofNanos(System.nanoTime() - startedAt));
				}
				this.reachability.record(vaultException);
				throw vaultException;
			}
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new VaultException("Vault request " + request + " failed", last);
		}
		finally {
			CURRENT.set(previous);
		}
	}

	private boolean isRetryable(Throwable ex) {
		if (!(ex instanceof VaultException vaultException) || !vaultException.isTransient()
				|| vaultException.getRetryTime() != null) {
			return false;
		}
		if (ex instanceof VaultConnectionException && this.reachability.isStarting()) {
			return false;
		}
		Call call = CURRENT.get();
		if (call != null && call.request.isRefusedWithServerError() && vaultException.getStatus() == 500) {
			return false;
		}
		if (call == null || isIdempotent(call.request)) {
			return true;
		}
		return ex instanceof RateLimitedException || ex instanceof VaultSealedException
				|| vaultException.getStatus() == 503;
	}

	private static boolean isIdempotent(VaultRequest request) {
		HttpMethod method = request.getMethod();
		return request.isList() || HttpMethod.GET.equals(method) || request.getPath().startsWith("auth/");
	}

	private static final class Call {

		private final VaultRequest request;

		private final long startedAt;

		private @Nullable Duration retryAfter;

		Call(VaultRequest request, long startedAt) {
			this.request = request;
			this.startedAt = startedAt;
		}

	}

	private final class Attempt implements Retryable<VaultResponse> {

		private final VaultRequest request;

		Attempt(VaultRequest request) {
			this.request = request;
		}

		@Override
		public VaultResponse execute() {
			try {
				return RetryingVaultClient.this.delegate.execute(this.request);
			}
			catch (VaultException ex) {
				if (ex.isTransient()) {
					logger.debug("Vault request {} failed ({}); retrying if allowed", this.request,
							ex.getClass().getSimpleName());
				}
				if (ex instanceof RateLimitedException rateLimited) {
					Call call = CURRENT.get();
					if (call != null) {
						call.retryAfter = rateLimited.getRetryAfter();
					}
				}
				throw ex;
			}
		}

		@Override
		public String getName() {
			return "vault " + this.request;
		}

	}

	private final class RetryAfterBackOff implements BackOff {

		private final BackOff delegate;

		RetryAfterBackOff(BackOff delegate) {
			this.delegate = delegate;
		}

		@Override
		public BackOffExecution start() {
			BackOffExecution execution = this.delegate.start();
			return () -> {
				long next = execution.nextBackOff();
				Call call = CURRENT.get();
				if (next == BackOffExecution.STOP || call == null || call.retryAfter == null) {
					return next;
				}
				long wait = Math.max(next, call.retryAfter.toMillis());
				call.retryAfter = null;
				long elapsed = System.nanoTime() - call.startedAt;
				if (elapsed + TimeUnit.MILLISECONDS.toNanos(wait) > RetryingVaultClient.this.totalTimeoutNanos) {
					return BackOffExecution.STOP;
				}
				return wait;
			};
		}

	}

}
