package dev.vaultkv.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vaultkv.client.PermissionDeniedException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.testsupport.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the single-flight replacement of a rejected token in {@link DefaultSessionManager}.
 */
class DefaultSessionManagerConcurrencyTests {

	private static final int THREADS = 100;

	private static final String LOGIN = "auth/approle/login";

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	private final FakeVault vault = new FakeVault();

	private final AtomicInteger logins = new AtomicInteger();

	private final ManualScheduler scheduler = new ManualScheduler();

	@AfterEach
	void shutdown() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	/**
	 * Counted down by each racing thread right before it reports the rejection; the replacement login
	 * waits for it so that every thread is in flight while the new token is obtained.
	 */
	private final CountDownLatch arrived = new CountDownLatch(THREADS);

	private DefaultSessionManager manager() {
		this.vault.on(LOGIN, (request) -> {
			int login = this.logins.incrementAndGet();
			if (login > 1) {
				awaitArrivals();
			}
			return FakeVault.auth("hvs.login-" + login, 300, true);
		});
		return DefaultSessionManager
			.builder(new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().roleId("r").secretId("s").build()),
					this.vault)
			.scheduler(this.scheduler)
			.clock(this.scheduler.clock)
			.build();
	}

	@RepeatedTest(3)
	void hundredThreadsReportingTheSameInvalidTokenCauseExactlyOneLogin() throws Exception {
		DefaultSessionManager manager = manager();
		VaultToken rejected = manager.getToken();
		List<VaultToken> results = race(() -> manager.handleRejection(rejected,
				FakeVault.invalidToken(VaultRequest.get("secret/data/app").build())));
		assertThat(this.logins).hasValue(2);
		assertThat(Set.copyOf(results)).containsExactly(VaultToken.of("hvs.login-2"));
		assertThat(manager.getToken()).isEqualTo(VaultToken.of("hvs.login-2"));
	}

	@Test
	void hundredThreadsConfirmingADeadTokenShareOneLookupAndOneLogin() throws Exception {
		DefaultSessionManager manager = manager();
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> {
			throw FakeVault.denied(request);
		});
		VaultToken rejected = manager.getToken();
		List<VaultToken> results = race(() -> manager.handleRejection(rejected,
				FakeVault.denied(VaultRequest.get("secret/data/app").build())));
		assertThat(this.logins).hasValue(2);
		assertThat(Set.copyOf(results)).containsExactly(VaultToken.of("hvs.login-2"));
		assertThat(this.vault.count(TokenLookup.LOOKUP_SELF)).isBetween(1, THREADS);
	}

	@Test
	void hundredThreadsWithAPolicyDenialEachGetTheirOwnCauseAndNoLogin() throws Exception {
		DefaultSessionManager manager = manager();
		this.vault.on(TokenLookup.LOOKUP_SELF, (request) -> FakeVault.data(Map.of("ttl", 200)));
		VaultToken token = manager.getToken();
		Map<Integer, PermissionDeniedException> causes = new ConcurrentHashMap<>();
		AtomicInteger index = new AtomicInteger();
		CyclicBarrier barrier = new CyclicBarrier(THREADS);
		List<Future<Boolean>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				PermissionDeniedException cause = FakeVault.denied(VaultRequest.get("secret/data/app").build());
				causes.put(index.incrementAndGet(), cause);
				barrier.await(10, TimeUnit.SECONDS);
				try {
					manager.handleRejection(token, cause);
					return false;
				}
				catch (PermissionDeniedException ex) {
					return ex == cause;
				}
			}));
		}
		for (Future<Boolean> future : futures) {
			assertThat(future.get(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.logins).hasValue(1);
		assertThat(manager.getToken()).isEqualTo(token);
	}

	private void awaitArrivals() {
		try {
			assertThat(this.arrived.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<VaultToken> race(java.util.concurrent.Callable<VaultToken> call) throws Exception {
		CyclicBarrier barrier = new CyclicBarrier(THREADS);
		List<Future<VaultToken>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				barrier.await(10, TimeUnit.SECONDS);
				this.arrived.countDown();
				return call.call();
			}));
		}
		List<VaultToken> results = new ArrayList<>();
		for (Future<VaultToken> future : futures) {
			results.add(future.get(10, TimeUnit.SECONDS));
		}
		return results;
	}

}
