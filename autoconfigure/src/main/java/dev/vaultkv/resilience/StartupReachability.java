package dev.vaultkv.resilience;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.client.VaultConnectionException;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;

/**
 * Remembers, while the application starts with {@code vault.fail-fast=false}, that Vault could not be
 * reached, so that the further startup reads fail at once instead of each waiting for the connect timeout
 * and a retry cycle: starting without Vault is what that setting is for. Connection failures are not
 * retried during startup either. Once startup is over ({@link #startupCompleted()}), requests are retried
 * with back-off as usual. Shared by the clients of one {@code VaultClientFactory}.
 *
 * @since 0.1.0
 */
public final class StartupReachability {

	private volatile boolean starting;

	private volatile @Nullable VaultException unreachable;

	/**
	 * Create a new instance.
	 * @param starting whether startup is in progress and connection failures are to be remembered; with
	 * {@code false} the instance does nothing
	 */
	public StartupReachability(boolean starting) {
		this.starting = starting;
	}

	/**
	 * Return whether startup is in progress, so that a connection failure is remembered and not retried.
	 * @return whether starting
	 */
	public boolean isStarting() {
		return this.starting;
	}

	/**
	 * End startup: forget any connection failure; requests are retried as usual from now on. Idempotent.
	 */
	public void startupCompleted() {
		this.starting = false;
		this.unreachable = null;
	}

	void record(VaultException failure) {
		if (this.starting && failure instanceof VaultConnectionException) {
			this.unreachable = failure;
		}
	}

	@Nullable VaultException failFast(VaultRequest request) {
		VaultException unreachable = this.unreachable;
		if (!this.starting || unreachable == null) {
			return null;
		}
		return new VaultConnectionException("Vault could not be reached earlier during startup, so it is not tried "
				+ "again until the application has started (vault.fail-fast=false)", (request.isList() ? "LIST" : request.getMethod().name()),
				request.getPath(), 0, List.of(), unreachable);
	}

}
