package dev.vaultkv.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

import dev.vaultkv.database.DatabaseCredentialsManager;
import dev.vaultkv.database.DatabaseCredentialsManagers;

/**
 * Meters of database credentials' leases, tagged with the credentials' {@code name} ({@code default} for
 * {@code vault.database.*}): {@value #RENEWALS} and {@value #ROTATIONS} (counters by {@code outcome},
 * {@code success} or {@code failure}) and {@value #TTL} (gauge, seconds the credentials have left).
 *
 * @since 0.1.0
 */
public final class VaultLeaseMetrics {

	/**
	 * Name of the counter of lease renewals.
	 */
	public static final String RENEWALS = "vault.lease.renewals";

	/**
	 * Name of the counter of credentials replaced (dynamic roles) or seen rotated (static roles).
	 */
	public static final String ROTATIONS = "vault.lease.rotations";

	/**
	 * Name of the gauge of the time the credentials have left.
	 */
	public static final String TTL = "vault.lease.ttl";

	/**
	 * Register the meters of every manager.
	 * @param registry the registry
	 * @param managers the managers
	 */
	public VaultLeaseMetrics(MeterRegistry registry, DatabaseCredentialsManagers managers) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(managers, "'managers' must not be null");
		for (DatabaseCredentialsManager manager : managers.getManagers()) {
			String name = manager.getRole().name();
			FunctionCounter.builder(RENEWALS, manager, (target) -> target.getStatus().renewals())
				.description("Renewals of database credentials' leases")
				.tags("name", name, "outcome", "success")
				.register(registry);
			FunctionCounter.builder(RENEWALS, manager, (target) -> target.getStatus().renewalFailures())
				.description("Renewals of database credentials' leases")
				.tags("name", name, "outcome", "failure")
				.register(registry);
			FunctionCounter.builder(ROTATIONS, manager, (target) -> target.getStatus().rotations())
				.description("Database credentials replaced or rotated")
				.tags("name", name, "outcome", "success")
				.register(registry);
			FunctionCounter.builder(ROTATIONS, manager, (target) -> target.getStatus().rotationFailures())
				.description("Database credentials replaced or rotated")
				.tags("name", name, "outcome", "failure")
				.register(registry);
			Gauge.builder(TTL, manager, (target) -> {
				Long ttl = target.getStatus().ttlSeconds();
				return (ttl != null) ? ttl : Double.NaN;
			}).description("Seconds the database credentials have left").tags("name", name).baseUnit("seconds")
				.register(registry);
		}
	}

}
