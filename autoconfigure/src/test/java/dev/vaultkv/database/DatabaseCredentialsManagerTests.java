package dev.vaultkv.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.vaultkv.auth.TokenState;
import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.VaultServerException;
import dev.vaultkv.kv.SecretData;
import dev.vaultkv.lease.Lease;
import dev.vaultkv.lease.LeaseInfo;
import dev.vaultkv.lease.LeaseOperations;
import dev.vaultkv.lease.LeasedSecret;
import dev.vaultkv.testsupport.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseCredentialsManagerTests {

	private static final Duration TTL = Duration.ofMinutes(10);

	private static final Duration MAX_TTL = Duration.ofMinutes(30);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final FakeLeases leases = new FakeLeases(this.scheduler.clock);

	private final List<DatabaseCredentials> published = new CopyOnWriteArrayList<>();

	private DatabaseCredentialsManager manager(DatabaseRole.Kind kind) {
		DatabaseCredentialsManager manager = new DatabaseCredentialsManager(
				new DatabaseRole("default", "database", "app", kind), this.leases, this.scheduler, this.scheduler.clock,
				new DatabaseCredentialsManager.Settings(Duration.ofSeconds(30), Duration.ofSeconds(2), true));
		manager.addListener(this.published::add);
		return manager;
	}

	@Test
	void dynamicCredentialsAreRenewedAndReplacedBeforeMaxTtlWithTheOldLeaseRevokedAfterTheDrain() {
		DatabaseCredentialsManager manager = manager(DatabaseRole.Kind.DYNAMIC);
		DatabaseCredentials first = manager.get();
		assertThat(first.generation()).isEqualTo(1);
		assertThat(this.published).containsExactly(first);
		for (int minute = 0; minute < 3 * MAX_TTL.toMinutes(); minute++) {
			this.scheduler.advance(Duration.ofMinutes(1));
			assertThat(this.leases.live()).as("the lease in use is alive").contains(manager.get().lease().id());
		}
		assertThat(this.published).hasSizeGreaterThanOrEqualTo(4);
		assertThat(this.published).extracting(DatabaseCredentials::generation).doesNotHaveDuplicates();
		assertThat(this.leases.renewals).isGreaterThan(0);
		assertThat(manager.getStatus().rotations()).isEqualTo(this.published.size() - 1);
		assertThat(this.leases.live().size()).isLessThanOrEqualTo(2);
		for (int i = 1; i < this.published.size() - 1; i++) {
			String id = this.published.get(i - 1).lease().id();
			assertThat(this.leases.revoked).contains(id);
		}
		manager.close();
		assertThat(this.leases.live()).isEmpty();
	}

	@Test
	void aLeaseThatCannotBeRenewedIsReplacedAtOnce() {
		DatabaseCredentialsManager manager = manager(DatabaseRole.Kind.DYNAMIC);
		DatabaseCredentials first = manager.get();
		this.leases.forget(first.lease().id());
		this.scheduler.runNext();
		assertThat(manager.get().generation()).isEqualTo(2);
		assertThat(this.published).extracting(DatabaseCredentials::generation).containsExactly(1L, 2L);
	}

	@Test
	void vaultUnreachableKeepsTheCurrentCredentialsAndTriesAgain() {
		DatabaseCredentialsManager manager = manager(DatabaseRole.Kind.DYNAMIC);
		DatabaseCredentials first = manager.get();
		this.leases.failing = true;
		this.scheduler.runNext();
		assertThat(manager.get()).isSameAs(first);
		assertThat(manager.getStatus().renewalFailures()).isEqualTo(1);
		assertThat(manager.getStatus().lastFailure()).isEqualTo("VaultServerException");
		this.leases.failing = false;
		this.scheduler.runNext();
		assertThat(manager.getStatus().renewals()).isEqualTo(1);
		assertThat(manager.get().username()).isEqualTo(first.username());
	}

	@Test
	void rejectedDynamicCredentialsAreReplacedOnlyWhenTheirLeaseIsGone() {
		DatabaseCredentialsManager manager = manager(DatabaseRole.Kind.DYNAMIC);
		DatabaseCredentials first = manager.get();
		manager.refreshRejected();
		assertThat(manager.get()).isSameAs(first);
		this.leases.forget(first.lease().id());
		manager.refreshRejected();
		assertThat(manager.get().generation()).isEqualTo(2);
	}

	@Test
	void staticCredentialsAreReadAgainWhenVaultRotatesThem() {
		DatabaseCredentialsManager manager = manager(DatabaseRole.Kind.STATIC);
		DatabaseCredentials first = manager.get();
		assertThat(first.lease()).isNull();
		assertThat(first.expiresAt()).isEqualTo(this.scheduler.clock.instant().plus(this.leases.staticTtl()));
		for (int rotation = 1; rotation <= 5; rotation++) {
			this.scheduler.advance(FakeLeases.ROTATION_PERIOD);
		}
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.published).extracting(DatabaseCredentials::password)
			.doesNotHaveDuplicates()
			.hasSize(6);
		assertThat(manager.get().password()).isEqualTo(this.leases.staticPassword());
		this.leases.rotateStaticNow();
		manager.refreshRejected();
		assertThat(manager.get().password()).isEqualTo(this.leases.staticPassword());
		assertThat(this.published).hasSize(7);
	}

	@Test
	void credentialsWhoseLeaseBelongsToAReplacedTokenAreReplaced() {
		DatabaseCredentialsManager manager = manager(DatabaseRole.Kind.DYNAMIC);
		DatabaseCredentials first = manager.get();
		DatabaseCredentialsSessionListener listener = new DatabaseCredentialsSessionListener(managersOf(manager));
		listener.onLogin("approle", token("accessor-1"));
		listener.onLogin("approle", token("accessor-1"));
		assertThat(manager.get()).isSameAs(first);
		this.scheduler.advance(Duration.ofMinutes(1));
		listener.onLogin("approle", token("accessor-2"));
		assertThat(manager.get().generation()).isEqualTo(2);
		this.scheduler.advance(Duration.ofSeconds(30));
		assertThat(this.leases.revoked).containsExactly(first.lease().id());
	}

	private static DatabaseCredentialsManagers managersOf(DatabaseCredentialsManager manager) {
		DatabaseCredentialsManagers managers = new DatabaseCredentialsManagers(() -> {
		});
		managers.add(manager, "u", "p");
		return managers;
	}

	private TokenState token(String accessor) {
		return new TokenState(accessor, this.scheduler.clock.instant(), null, true, true);
	}

	@Test
	void neitherPasswordNorLeaseIdInToString() {
		DatabaseCredentials credentials = manager(DatabaseRole.Kind.DYNAMIC).get();
		assertThat(credentials.toString()).doesNotContain(credentials.password())
			.doesNotContain(credentials.lease().id());
		assertThat(credentials.lease().maskedId()).startsWith("database/creds/app/").endsWith("****");
	}

	/**
	 * Vault's lease semantics: a lease lives {@link #TTL}, renewals are capped at {@link #MAX_TTL} from
	 * issue; a static role's password rotates every {@link #ROTATION_PERIOD}.
	 */
	static final class FakeLeases implements LeaseOperations {

		static final Duration ROTATION_PERIOD = Duration.ofHours(1);

		private final Clock clock;

		private final Map<String, Instant[]> leases = new LinkedHashMap<>();

		final List<String> revoked = new ArrayList<>();

		int renewals;

		volatile boolean failing;

		private int counter;

		private final Instant staticStart;

		private int manualRotations;

		FakeLeases(Clock clock) {
			this.clock = clock;
			this.staticStart = clock.instant();
		}

		private void check() {
			if (this.failing) {
				throw new VaultServerException(null, "sys/leases/renew", 503, List.of("down"), null);
			}
		}

		@Override
		public synchronized LeasedSecret read(String path) {
			check();
			if (path.startsWith("database/static-creds/")) {
				return new LeasedSecret(SecretData.of(Map.of("username", "static-user", "password", staticPassword(),
						"ttl", String.valueOf(staticTtl().toSeconds()))), null, List.of());
			}
			String id = path + "/lease-" + (++this.counter) + "-abcdefghijklmnop";
			Instant now = this.clock.instant();
			this.leases.put(id, new Instant[] { now, now.plus(TTL) });
			return new LeasedSecret(SecretData.of(Map.of("username", "v-app-" + this.counter, "password",
					"pw-" + this.counter + "-secret")), new Lease(id, TTL, true), List.of());
		}

		@Override
		public synchronized Lease renew(String leaseId, @Nullable Duration increment) {
			check();
			Instant[] lease = live(leaseId);
			Instant now = this.clock.instant();
			Instant end = now.plus(increment);
			Instant max = lease[0].plus(MAX_TTL);
			lease[1] = end.isAfter(max) ? max : end;
			this.renewals++;
			return new Lease(leaseId, Duration.between(now, lease[1]), true);
		}

		@Override
		public synchronized void revoke(String leaseId) {
			check();
			this.leases.remove(leaseId);
			this.revoked.add(leaseId);
		}

		@Override
		public synchronized LeaseInfo lookup(String leaseId) {
			check();
			Instant[] lease = live(leaseId);
			return new LeaseInfo(leaseId, lease[0], lease[1], null, true,
					Duration.between(this.clock.instant(), lease[1]));
		}

		private Instant[] live(String leaseId) {
			Instant[] lease = this.leases.get(leaseId);
			if (lease == null || !lease[1].isAfter(this.clock.instant())) {
				throw new InvalidRequestException(null, "sys/leases/renew", 400, List.of("lease not found"), null);
			}
			return lease;
		}

		synchronized void forget(String leaseId) {
			this.leases.remove(leaseId);
		}

		synchronized List<String> live() {
			Instant now = this.clock.instant();
			return this.leases.entrySet().stream().filter((e) -> e.getValue()[1].isAfter(now)).map(Map.Entry::getKey)
				.toList();
		}

		String staticPassword() {
			long rotations = Duration.between(this.staticStart, this.clock.instant()).dividedBy(ROTATION_PERIOD)
					+ this.manualRotations;
			return "static-pw-" + rotations;
		}

		Duration staticTtl() {
			Duration elapsed = Duration.between(this.staticStart, this.clock.instant());
			long periods = elapsed.dividedBy(ROTATION_PERIOD);
			return ROTATION_PERIOD.multipliedBy(periods + 1).minus(elapsed);
		}

		void rotateStaticNow() {
			this.manualRotations++;
		}

	}

}
