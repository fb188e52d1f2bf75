package dev.vaultkv.auth;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RenewalScheduler#of(ScheduledExecutorService)}.
 */
class RenewalSchedulerTests {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void runsTasksOnTheExecutor() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		RenewalScheduler.of(this.executor).schedule(ran::countDown, Duration.ZERO);
		assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void cancelledTasksDoNotRun() throws InterruptedException {
		AtomicBoolean ran = new AtomicBoolean();
		RenewalScheduler scheduler = RenewalScheduler.of(this.executor);
		scheduler.schedule(() -> ran.set(true), Duration.ofMillis(200)).cancel();
		CountDownLatch later = new CountDownLatch(1);
		scheduler.schedule(later::countDown, Duration.ofMillis(300));
		assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(ran).isFalse();
	}

}
