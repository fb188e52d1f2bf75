package dev.vaultkv.client;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Root of the exceptions vaultkv throws. Carries the HTTP status (0 when no answer was received), the
 * request's operation and path, and Vault's {@code errors} strings; never a secret value, a token or a
 * response body.
 *
 * @since 0.1.0
 */
public class VaultException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String operation;

	private final @Nullable String path;

	private final int status;

	private final List<String> errors;

	private int attempts = 1;

	private @Nullable Duration retryTime;

	/**
	 * Create a new instance.
	 * @param message the message
	 * @param operation the operation ({@code GET}, {@code LIST}...) or {@code null}
	 * @param path the request path or {@code null}
	 * @param status the HTTP status, or 0 when none was received
	 * @param errors Vault's error strings
	 * @param cause the cause or {@code null}
	 */
	public VaultException(String message, @Nullable String operation, @Nullable String path, int status,
			List<String> errors, @Nullable Throwable cause) {
		super(message, cause);
		this.operation = operation;
		this.path = path;
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	/**
	 * Create a new instance with a message only.
	 * @param message the message
	 */
	public VaultException(String message) {
		this(message, null, null, 0, List.of(), null);
	}

	/**
	 * Create a new instance with a message and a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public VaultException(String message, @Nullable Throwable cause) {
		this(message, null, null, 0, List.of(), cause);
	}

	/**
	 * Return the operation of the failed request ({@code GET}, {@code LIST}, {@code POST}...).
	 * @return the operation or {@code null}
	 */
	public @Nullable String getOperation() {
		return this.operation;
	}

	/**
	 * Return the path of the failed request, relative to {@code /v1/}.
	 * @return the path or {@code null}
	 */
	public @Nullable String getPath() {
		return this.path;
	}

	/**
	 * Return the HTTP status Vault answered with, or 0 when no answer was received.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return Vault's {@code errors} strings.
	 * @return the errors, possibly empty
	 */
	public List<String> getErrors() {
		return this.errors;
	}

	/**
	 * Record that this failure is the last of a request sent several times, so that the message ends with
	 * one line summarising the attempts instead of carrying each earlier failure. Called by the retry layer.
	 * @param attempts how many times the request was sent
	 * @param retryTime the time spent on all attempts
	 */
	public void retriesExhausted(int attempts, Duration retryTime) {
		Assert.isTrue(attempts >= 1, "'attempts' must be at least 1");
		Assert.notNull(retryTime, "'retryTime' must not be null");
		this.attempts = attempts;
		this.retryTime = retryTime;
	}

	/**
	 * Return how many times the request was sent before it failed with this exception: more than one when
	 * retries were exhausted.
	 * @return the number of attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return the time spent on all attempts, when retries were exhausted.
	 * @return the time spent or {@code null} when the request was not retried
	 */
	public @Nullable Duration getRetryTime() {
		return this.retryTime;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		Duration retryTime = this.retryTime;
		if (retryTime == null) {
			return message;
		}
		return message + " [gave up after " + this.attempts + " attempts in " + retryTime.toMillis() + " ms]";
	}

	/**
	 * Return whether the failure is transient, so that the same request may succeed when retried later
	 * (connection failures, timeouts, 5xx but 501, sealed, rate limited). Permanent failures (400, 401, 403,
	 * 404, 501 not initialized) are never worth retrying.
	 * @return whether a retry may succeed
	 */
	public boolean isTransient() {
		return false;
	}

	/**
	 * Build the message shape every subclass uses: what was asked and what Vault said.
	 * @param summary what happened
	 * @param operation the operation
	 * @param path the path
	 * @param status the status or 0
	 * @param errors Vault's errors
	 * @return the message
	 */
	protected static String message(String summary, @Nullable String operation, @Nullable String path,
			int status, List<String> errors) {
		StringBuilder message = new StringBuilder(summary);
		if (operation != null && path != null) {
			message.append(" (").append(operation).append(' ').append(path);
			if (status > 0) {
				message.append(" -> ").append(status);
			}
			message.append(')');
		}
		List<String> said = errors.stream().map(VaultException::flatten).filter((e) -> !e.isEmpty()).toList();
		if (!said.isEmpty()) {
			message.append(": Vault said ").append(String.join("; ", said));
		}
		return message.toString();
	}

	private static String flatten(String error) {
		// Vault's multierror renders as "1 error occurred:\n\t* permission denied\n\n".
		String flat = error.replaceAll("\\d+ errors? occurred:", "").replaceAll("\\s*\\n\\t\\* ", ", ").trim();
		if (flat.startsWith(",")) {
			flat = flat.substring(1).trim();
		}
		return (flat.length() > 500) ? flat.substring(0, 500) + "..." : flat;
	}

}
