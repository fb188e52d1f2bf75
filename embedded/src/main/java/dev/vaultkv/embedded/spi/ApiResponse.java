package dev.vaultkv.embedded.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a {@link Backend} answers. The core renders it as Vault's response envelope ({@code request_id},
 * {@code lease_id}, {@code renewable}, {@code lease_duration}, {@code data}, {@code wrap_info},
 * {@code warnings}, {@code auth}), as a 204 for {@link #noContent()}, or as {@code {"errors":[...]}}.
 *
 * <p>
 * Instances are immutable; the {@code with...} methods return copies.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class ApiResponse {

	private final int status;

	private final @Nullable ObjectNode data;

	private final @Nullable IssuedToken auth;

	private final @Nullable List<String> errors;

	private final @Nullable ObjectNode fullBody;

	private final List<String> warnings;

	private final long leaseDurationSeconds;

	private final boolean renewable;

	private final @Nullable String wrappedAccessor;

	private final @Nullable SecretLease secretLease;

	private ApiResponse(int status, @Nullable ObjectNode data, @Nullable IssuedToken auth,
			@Nullable List<String> errors, @Nullable ObjectNode fullBody, List<String> warnings,
			long leaseDurationSeconds, boolean renewable, @Nullable String wrappedAccessor,
			@Nullable SecretLease secretLease) {
		this.status = status;
		this.data = data;
		this.auth = auth;
		this.errors = errors;
		this.fullBody = fullBody;
		this.warnings = warnings;
		this.leaseDurationSeconds = leaseDurationSeconds;
		this.renewable = renewable;
		this.wrappedAccessor = wrappedAccessor;
		this.secretLease = secretLease;
	}

	/**
	 * A 200 envelope with the given {@code data} ({@code null} renders as {@code "data": null}).
	 * @param data the data
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse ok(@Nullable ObjectNode data) {
		return new ApiResponse(200, data, null, null, null, List.of(), 0, false, null, null);
	}

	/**
	 * A 200 envelope with a leased secret: the core registers the lease and fills in {@code lease_id},
	 * {@code renewable} and {@code lease_duration}.
	 * @param data the secret's data
	 * @param lease the lease
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse leased(ObjectNode data, SecretLease lease) {
		Objects.requireNonNull(data, "'data' must not be null");
		Objects.requireNonNull(lease, "'lease' must not be null");
		return new ApiResponse(200, data, null, null, null, List.of(), 0, lease.renewable(), null, lease);
	}

	/**
	 * A 202 with no body, as Vault answers an operation it queued (e.g. a revocation with {@code sync=false}).
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse accepted() {
		return new ApiResponse(202, null, null, null, null, List.of(), 0, false, null, null);
	}

	/**
	 * A 204 with no body (a 200 with {@code data: null} if warnings are added).
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse noContent() {
		return new ApiResponse(204, null, null, null, null, List.of(), 0, false, null, null);
	}

	/**
	 * A 200 envelope with an {@code auth} block; the token's warnings become response warnings.
	 * @param token the issued token
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse auth(IssuedToken token) {
		return auth(token, null);
	}

	/**
	 * A 200 envelope with an {@code auth} block and {@code data}.
	 * @param token the issued token
	 * @param data the data, or {@code null}
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse auth(IssuedToken token, @Nullable ObjectNode data) {
		Objects.requireNonNull(token, "'token' must not be null");
		return new ApiResponse(200, data, token, null, null, List.copyOf(token.warnings()), 0, false, null, null);
	}

	/**
	 * An error response {@code {"errors":[...]}}.
	 * @param status the HTTP status (400 or above)
	 * @param errors the error strings (none renders as {@code []})
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse error(int status, String... errors) {
		return new ApiResponse(status, null, null, List.of(errors), null, List.of(), 0, false, null, null);
	}

	/**
	 * A 404 {@code {"errors":[]}}.
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse notFound() {
		return error(404);
	}

	/**
	 * A response with a status and a body the backend builds itself (e.g. KV v2's envelope-shaped 404 for
	 * deleted versions). Missing envelope fields ({@code request_id}, {@code lease_id}, ...) are filled in by
	 * the core; {@code data} and {@code warnings} are taken as given.
	 * @param status the HTTP status
	 * @param fullBody the body
	 * @return the response
	 * @since 0.1.0
	 */
	public static ApiResponse status(int status, ObjectNode fullBody) {
		Objects.requireNonNull(fullBody, "'fullBody' must not be null");
		return new ApiResponse(status, null, null, null, fullBody, List.of(), 0, false, null, null);
	}

	/**
	 * Return a copy with a warning added.
	 * @param warning the warning
	 * @return the new response
	 * @since 0.1.0
	 */
	public ApiResponse withWarning(String warning) {
		List<String> list = new ArrayList<>(this.warnings);
		list.add(warning);
		return new ApiResponse(this.status, this.data, this.auth, this.errors, this.fullBody,
				Collections.unmodifiableList(list), this.leaseDurationSeconds, this.renewable, this.wrappedAccessor,
				this.secretLease);
	}

	/**
	 * Return a copy with the envelope's {@code lease_duration} and {@code renewable} set (e.g. KV v1 reads
	 * report the mount's default TTL).
	 * @param leaseDurationSeconds the lease duration in seconds
	 * @param renewable whether the lease is renewable
	 * @return the new response
	 * @since 0.1.0
	 */
	public ApiResponse withLease(long leaseDurationSeconds, boolean renewable) {
		return new ApiResponse(this.status, this.data, this.auth, this.errors, this.fullBody, this.warnings,
				leaseDurationSeconds, renewable, this.wrappedAccessor, this.secretLease);
	}

	/**
	 * Return a copy carrying the {@code wrap_info.wrapped_accessor} to report if the response is wrapped
	 * (e.g. the AppRole {@code secret_id_accessor}). Tokens in {@code auth} report their accessor without
	 * this hint.
	 * @param accessor the accessor
	 * @return the new response
	 * @since 0.1.0
	 */
	public ApiResponse withWrappedAccessor(String accessor) {
		return new ApiResponse(this.status, this.data, this.auth, this.errors, this.fullBody, this.warnings,
				this.leaseDurationSeconds, this.renewable, accessor, this.secretLease);
	}

	/**
	 * Return the HTTP status.
	 * @return the status
	 * @since 0.1.0
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the {@code data}, or {@code null}.
	 * @return the data
	 * @since 0.1.0
	 */
	public @Nullable ObjectNode getData() {
		return this.data;
	}

	/**
	 * Return the issued token for the {@code auth} block, or {@code null}.
	 * @return the token
	 * @since 0.1.0
	 */
	public @Nullable IssuedToken getAuth() {
		return this.auth;
	}

	/**
	 * Return the error strings, or {@code null} if this is not an error response.
	 * @return the errors
	 * @since 0.1.0
	 */
	public @Nullable List<String> getErrors() {
		return this.errors;
	}

	/**
	 * Return the backend-built body of {@link #status(int, ObjectNode)}, or {@code null}.
	 * @return the body
	 * @since 0.1.0
	 */
	public @Nullable ObjectNode getFullBody() {
		return this.fullBody;
	}

	/**
	 * Return the warnings.
	 * @return the warnings, possibly empty
	 * @since 0.1.0
	 */
	public List<String> getWarnings() {
		return this.warnings;
	}

	/**
	 * Return the envelope's {@code lease_duration}.
	 * @return seconds
	 * @since 0.1.0
	 */
	public long getLeaseDurationSeconds() {
		return this.leaseDurationSeconds;
	}

	/**
	 * Return the envelope's {@code renewable}.
	 * @return whether renewable
	 * @since 0.1.0
	 */
	public boolean isRenewable() {
		return this.renewable;
	}

	/**
	 * Return the wrapped-accessor hint, or {@code null}.
	 * @return the accessor
	 * @since 0.1.0
	 */
	public @Nullable String getWrappedAccessor() {
		return this.wrappedAccessor;
	}

	/**
	 * Return the lease of a {@link #leased leased secret}, or {@code null}.
	 * @return the lease
	 * @since 0.1.0
	 */
	public @Nullable SecretLease getSecretLease() {
		return this.secretLease;
	}

	/**
	 * Return whether this is an error response.
	 * @return whether errors are set
	 * @since 0.1.0
	 */
	public boolean isError() {
		return this.errors != null;
	}

	@Override
	public String toString() {
		return "ApiResponse[status=" + this.status + ", errors=" + this.errors + ", warnings=" + this.warnings + "]";
	}

}
