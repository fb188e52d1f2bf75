package dev.vaultkv.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.server.ServerState;

/**
 * Makes an embedded server misbehave on purpose. Rules apply in the order they were added; at most one
 * failure rule (fail, rate limit, drop, truncate) and one delay rule hit each request. A count of
 * {@code -1} means "until removed". Path patterns are regular expressions that must match the whole path
 * after {@code /v1/} (without the query string), e.g. {@code secret/data/.*}. Thread-safe.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class FaultInjector {

	private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

	private final ServerState state;

	FaultInjector(ServerState state) {
		this.state = state;
	}

	/**
	 * Fail the next requests with a status and error strings ({@code {"errors":[...]}}).
	 * @param count how many requests
	 * @param status the status code
	 * @param errors the error strings
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule failNext(int count, int status, String... errors) {
		return add(new FaultRule(this, FaultRule.Kind.FAIL, null, count, status, List.of(errors), null, Duration.ZERO));
	}

	/**
	 * Fail requests whose path matches a pattern, until the rule is removed.
	 * @param pathRegex the path pattern
	 * @param status the status code
	 * @param errors the error strings
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule failMatching(String pathRegex, int status, String... errors) {
		return failMatching(pathRegex, -1, status, errors);
	}

	/**
	 * Fail the next requests whose path matches a pattern.
	 * @param pathRegex the path pattern
	 * @param count how many requests ({@code -1} = until removed)
	 * @param status the status code
	 * @param errors the error strings
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule failMatching(String pathRegex, int count, int status, String... errors) {
		return add(new FaultRule(this, FaultRule.Kind.FAIL, Pattern.compile(pathRegex), count, status, List.of(errors),
				null, Duration.ZERO));
	}

	/**
	 * Answer the next requests with 429, a {@code Retry-After} header and Vault's rate-limit error.
	 * @param count how many requests
	 * @param retryAfter the {@code Retry-After} value (whole seconds), or {@code null} for no header
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule rateLimitNext(int count, @Nullable Duration retryAfter) {
		return add(new FaultRule(this, FaultRule.Kind.FAIL, null, count, 429, List.of(), retryAfter, Duration.ZERO));
	}

	/**
	 * Answer the next requests whose path matches a pattern with 429 and a {@code Retry-After} header.
	 * @param pathRegex the path pattern
	 * @param count how many requests ({@code -1} = until removed)
	 * @param retryAfter the {@code Retry-After} value, or {@code null} for no header
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule rateLimitMatching(String pathRegex, int count, @Nullable Duration retryAfter) {
		return add(new FaultRule(this, FaultRule.Kind.FAIL, Pattern.compile(pathRegex), count, 429, List.of(),
				retryAfter, Duration.ZERO));
	}

	/**
	 * Delay the responses of the next requests. The delay holds no request thread.
	 * @param count how many requests
	 * @param delay the added latency
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule delayNext(int count, Duration delay) {
		return add(new FaultRule(this, FaultRule.Kind.DELAY, null, count, 0, List.of(), null, requirePositive(delay)));
	}

	/**
	 * Delay the responses of requests whose path matches a pattern.
	 * @param pathRegex the path pattern
	 * @param count how many requests ({@code -1} = until removed)
	 * @param delay the added latency
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule delayMatching(String pathRegex, int count, Duration delay) {
		return add(new FaultRule(this, FaultRule.Kind.DELAY, Pattern.compile(pathRegex), count, 0, List.of(), null,
				requirePositive(delay)));
	}

	/**
	 * Close the connection of the next requests without sending any response.
	 * @param count how many requests
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule dropNext(int count) {
		return add(new FaultRule(this, FaultRule.Kind.DROP, null, count, 0, List.of(), null, Duration.ZERO));
	}

	/**
	 * Close the connection of requests whose path matches a pattern without sending any response.
	 * @param pathRegex the path pattern
	 * @param count how many requests ({@code -1} = until removed)
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule dropMatching(String pathRegex, int count) {
		return add(new FaultRule(this, FaultRule.Kind.DROP, Pattern.compile(pathRegex), count, 0, List.of(), null,
				Duration.ZERO));
	}

	/**
	 * Send the status line, headers and half of the body of the next responses, then close the connection.
	 * @param count how many requests
	 * @return the rule
	 * @since 0.1.0
	 */
	public FaultRule truncateNext(int count) {
		return add(new FaultRule(this, FaultRule.Kind.TRUNCATE, null, count, 0, List.of(), null, Duration.ZERO));
	}

	/**
	 * Seal the server: every logical request answers 503 {@code Vault is sealed}.
	 * @since 0.1.0
	 */
	public void seal() {
		this.state.setSealed(true);
	}

	/**
	 * Unseal the server.
	 * @since 0.1.0
	 */
	public void unseal() {
		this.state.setSealed(false);
	}

	/**
	 * Revoke every token except the root token (as if the tokens had been revoked by an operator), and
	 * every wrapping token.
	 * @since 0.1.0
	 */
	public void revokeAllTokens() {
		this.state.revokeAllTokens();
	}

	/**
	 * Return the active rules.
	 * @return the rules
	 * @since 0.1.0
	 */
	public List<FaultRule> rules() {
		return List.copyOf(this.rules);
	}

	/**
	 * Remove every rule.
	 * @since 0.1.0
	 */
	public void clear() {
		this.rules.clear();
	}

	void remove(FaultRule rule) {
		this.rules.remove(rule);
	}

	private FaultRule add(FaultRule rule) {
		this.rules.add(rule);
		return rule;
	}

	private static Duration requirePositive(Duration delay) {
		Objects.requireNonNull(delay, "'delay' must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("'delay' must not be negative");
		}
		return delay;
	}

	@Nullable FaultRule claim(FaultRule.Kind kindFilter, String path) {
		for (FaultRule rule : this.rules) {
			boolean wanted = (kindFilter == FaultRule.Kind.DELAY) ? rule.kind() == FaultRule.Kind.DELAY
					: rule.kind() != FaultRule.Kind.DELAY;
			if (wanted && rule.tryClaim(path)) {
				if (rule.remaining() == 0) {
					this.rules.remove(rule);
				}
				return rule;
			}
		}
		return null;
	}

}
