package dev.vaultkv.connection;

import java.time.Instant;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

import dev.vaultkv.auth.TokenState;

/**
 * Published when the application's login credentials changed and it logged in again with the new ones,
 * for example after its AppRole secret ID file was replaced. It names where the credential comes from,
 * never the credential; components that hold a copy of it (or of a token obtained with it) should fetch
 * it again.
 *
 * @since 0.1.0
 */
public class VaultCredentialsChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String method;

	private final SecretIdReference reference;

	private final transient TokenState tokenState;

	private final Instant changedAt;

	/**
	 * Create a new instance.
	 * @param source the component that saw the change
	 * @param method the login method, for example {@code approle}
	 * @param reference where the changed credential comes from
	 * @param tokenState the state of the token obtained with the new credential
	 * @param changedAt when the change was seen
	 */
	public VaultCredentialsChangedEvent(Object source, String method, SecretIdReference reference,
			TokenState tokenState, Instant changedAt) {
		super(source);
		Assert.hasText(method, "'method' must not be empty");
		Assert.notNull(reference, "'reference' must not be null");
		Assert.notNull(tokenState, "'tokenState' must not be null");
		Assert.notNull(changedAt, "'changedAt' must not be null");
		this.method = method;
		this.reference = reference;
		this.tokenState = tokenState;
		this.changedAt = changedAt;
	}

	/**
	 * Return the login method.
	 * @return the method, for example {@code approle}
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Return where the changed credential comes from.
	 * @return the reference
	 */
	public SecretIdReference getReference() {
		return this.reference;
	}

	/**
	 * Return the state of the token obtained with the new credential, without its value.
	 * @return the token state
	 */
	public TokenState getTokenState() {
		return this.tokenState;
	}

	/**
	 * Return when the change was seen.
	 * @return the time
	 */
	public Instant getChangedAt() {
		return this.changedAt;
	}

	@Override
	public String toString() {
		return "VaultCredentialsChangedEvent[method=" + this.method + ", reference=" + this.reference
				+ ", changedAt=" + this.changedAt + "]";
	}

}
