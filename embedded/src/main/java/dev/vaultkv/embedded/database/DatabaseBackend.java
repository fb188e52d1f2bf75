package dev.vaultkv.embedded.database;

import java.time.Instant;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.LeaseRequest;
import dev.vaultkv.embedded.spi.MountContext;
import dev.vaultkv.embedded.spi.SecretLease;

/**
 * The {@code database} secrets engine of one mount: routes {@code config/}, {@code reset/},
 * {@code rotate-root/}, {@code roles/}, {@code static-roles/}, {@code creds/}, {@code static-creds/} and
 * {@code rotate-role/}, renews and revokes the users it leased, and rotates static passwords as the server
 * clock moves.
 *
 * @author vaultkv
 */
final class DatabaseBackend implements Backend {

	/** Vault's {@code framework.GenericNameRegex}. */
	private static final Pattern NAMED = Pattern
		.compile("(config|reset|rotate-root|roles|static-roles|creds|static-creds|rotate-role)/(\\w(?:[\\w.-]*\\w)?)");

	private final DatabaseState state = new DatabaseState();

	private final ConnectionEndpoints connections;

	private final RoleEndpoints roles;

	private final CredentialEndpoints credentials;

	private final StaticAccounts accounts;

	DatabaseBackend(MountContext context) {
		this.accounts = new StaticAccounts(this.state);
		this.connections = new ConnectionEndpoints(this.state);
		this.roles = new RoleEndpoints(this.state, this.accounts, context.paginatesLists());
		this.credentials = new CredentialEndpoints(this.state, this.accounts, context);
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		try {
			return route(request);
		}
		catch (DatabaseRequestException ex) {
			return ApiResponse.error(ex.status(), ex.getMessage());
		}
		catch (DatabaseException ex) {
			// a Go error from the backend: Vault's core answers 500 with it in a multierror
			return ApiResponse.error(500, "1 error occurred:\n\t* " + ex.getMessage() + "\n\n");
		}
	}

	private ApiResponse route(ApiRequest request) {
		String sub = request.subPath();
		switch (sub) {
			case "config", "config/":
				return this.connections.list(request);
			case "roles", "roles/":
				return this.roles.listRoles(request);
			case "static-roles", "static-roles/":
				return this.roles.listStaticRoles(request);
			default:
				break;
		}
		Matcher matcher = NAMED.matcher(sub);
		if (!matcher.matches()) {
			return unsupportedPath();
		}
		String name = matcher.group(2);
		return switch (matcher.group(1)) {
			case "config" -> this.connections.config(request, name);
			case "reset" -> this.connections.reset(request, name);
			case "rotate-root" -> this.connections.rotateRoot(request, name);
			case "roles" -> this.roles.role(request, name);
			case "static-roles" -> this.roles.staticRole(request, name);
			case "creds" -> this.credentials.creds(request, name);
			case "static-creds" -> this.credentials.staticCreds(request, name);
			default -> this.accounts.rotateRole(request, name);
		};
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		Matcher matcher = NAMED.matcher(request.subPath());
		if (!matcher.matches()) {
			return null;
		}
		String name = matcher.group(2);
		return switch (matcher.group(1)) {
			case "config" -> this.state.findConfig(name) != null;
			case "roles" -> this.state.role(name) != null;
			case "static-roles" -> this.state.staticRole(name) != null;
			default -> null;
		};
	}

	@Override
	public SecretLease renew(LeaseRequest request) {
		return this.credentials.renew(request);
	}

	@Override
	public void revoke(LeaseRequest request) {
		this.credentials.revoke(request);
	}

	@Override
	public void tick(Instant now) {
		this.accounts.rotateDue(now);
	}

	@Override
	public void close() {
		this.state.close();
	}

	static ApiResponse unsupportedPath() {
		return ApiResponse.error(404, "1 error occurred:\n\t* unsupported path\n\n");
	}

	static ApiResponse unsupportedOperation() {
		return ApiResponse.error(405, "1 error occurred:\n\t* unsupported operation\n\n");
	}

	static ApiResponse keys(Collection<String> names) {
		ObjectNode data = Json.object();
		data.set("keys", Json.strings(names));
		return ApiResponse.ok(data);
	}

}
