package dev.vaultkv.embedded.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

import dev.vaultkv.embedded.kv.VersionedKvStore.MetadataUpdate;
import dev.vaultkv.embedded.kv.VersionedKvStore.PatchOutcome;

import static dev.vaultkv.embedded.kv.KvTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link VersionedKvStore}.
 */
class VersionedKvStoreTests {

	private static final Instant START = Instant.parse("2026-01-02T03:04:05.123456789Z");

	private final MutableClock clock = new MutableClock(START);

	private final VersionedKvStore store = new VersionedKvStore(this.clock);

	private ExecutorService executor;

	@AfterEach
	void shutdown() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	@Test
	void writesCreateIncreasingVersions() {
		this.store.write("app", json("{\"a\":\"1\"}"), null);
		this.clock.advance(Duration.ofSeconds(1));
		KeyEntry entry = this.store.write("app", json("{\"a\":\"2\"}"), null);
		assertThat(entry.currentVersion()).isEqualTo(2);
		assertThat(entry.oldestVersion()).isZero();
		assertThat(entry.createdTime()).isEqualTo(START);
		assertThat(entry.updatedTime()).isEqualTo(START.plusSeconds(1));
		assertThat(entry.data(1).get("a").stringValue()).isEqualTo("1");
		assertThat(entry.data(2).get("a").stringValue()).isEqualTo("2");
	}

	@Test
	void writeKeepsItsOwnCopyOfTheData() {
		var data = json("{\"a\":\"1\"}");
		this.store.write("app", data, null);
		data.put("a", "changed");
		assertThat(this.store.entry("app").data(1).get("a").stringValue()).isEqualTo("1");
	}

	@Test
	void casMustMatchCurrentVersion() {
		this.store.write("app", json("{}"), null);
		assertThatExceptionOfType(KvRequestException.class)
			.isThrownBy(() -> this.store.write("app", json("{}"), IntNode.valueOf(0)))
			.withMessage("check-and-set parameter did not match the current version");
		assertThat(this.store.write("app", json("{}"), IntNode.valueOf(1)).currentVersion()).isEqualTo(2);
		assertThat(this.store.write("app", json("{}"), StringNode.valueOf("2")).currentVersion()).isEqualTo(3);
	}

	@Test
	void casZeroCreatesOnlyAbsentOrMetadataOnlyKeys() {
		assertThat(this.store.write("new", json("{}"), IntNode.valueOf(0)).currentVersion()).isEqualTo(1);
		this.store.writeMetadata("meta", new MetadataUpdate(5L, null, null, null));
		assertThat(this.store.write("meta", json("{}"), IntNode.valueOf(0)).currentVersion()).isEqualTo(1);
		this.store.deleteLatest("new");
		assertThatExceptionOfType(KvRequestException.class)
			.isThrownBy(() -> this.store.write("new", json("{}"), IntNode.valueOf(0)))
			.withMessage(VersionedKvStore.CAS_MISMATCH);
	}

	@Test
	void unparsableCasIsRejected() {
		assertThatExceptionOfType(KvRequestException.class)
			.isThrownBy(() -> this.store.write("app", json("{}"), StringNode.valueOf("one")))
			.withMessage("error parsing check-and-set parameter");
		assertThat(this.store.entry("app")).isNull();
	}

	@Test
	void casRequiredByMountOrKey() {
		this.store.updateConfig(null, true, null);
		assertThatExceptionOfType(KvRequestException.class)
			.isThrownBy(() -> this.store.write("app", json("{}"), null))
			.withMessage("check-and-set parameter required for this call");
		this.store.updateConfig(null, false, null);
		this.store.writeMetadata("app", new MetadataUpdate(null, true, null, null));
		assertThatExceptionOfType(KvRequestException.class)
			.isThrownBy(() -> this.store.write("app", json("{}"), null))
			.withMessage(VersionedKvStore.CAS_REQUIRED);
		assertThat(this.store.write("app", json("{}"), IntNode.valueOf(0)).currentVersion()).isEqualTo(1);
	}

	@Test
	void defaultMaxVersionsKeepsTen() {
		for (int i = 1; i <= 9; i++) {
			this.store.write("app", json("{}"), null);
		}
		assertThat(this.store.entry("app").oldestVersion()).isZero();
		KeyEntry tenth = this.store.write("app", json("{}"), null);
		assertThat(tenth.oldestVersion()).isEqualTo(1);
		assertThat(tenth.versions()).hasSize(10);
		KeyEntry eleventh = this.store.write("app", json("{}"), null);
		assertThat(eleventh.oldestVersion()).isEqualTo(2);
		assertThat(eleventh.versions().keySet()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
		assertThat(eleventh.data(1)).isNull();
	}

	@Test
	void effectiveMaxVersionsIsTheLargerOfKeyAndMount() {
		this.store.updateConfig(3L, null, null);
		this.store.writeMetadata("app", new MetadataUpdate(2L, null, null, null));
		for (int i = 0; i < 5; i++) {
			this.store.write("app", json("{}"), null);
		}
		assertThat(this.store.entry("app").versions().keySet()).containsExactly(3L, 4L, 5L);
		assertThat(this.store.entry("app").oldestVersion()).isEqualTo(3);
	}

	@Test
	void loweringMaxVersionsTrimsAtTheNextWriteOnly() {
		for (int i = 0; i < 5; i++) {
			this.store.write("app", json("{}"), null);
		}
		this.store.writeMetadata("app", new MetadataUpdate(1L, null, null, null));
		assertThat(this.store.entry("app").versions()).hasSize(5);
		KeyEntry entry = this.store.write("app", json("{}"), null);
		assertThat(entry.versions().keySet()).containsExactly(6L);
		assertThat(entry.oldestVersion()).isEqualTo(6);
	}

	@Test
	void deleteVersionAfterUsesSmallestNonZeroSetting() {
		this.store.updateConfig(null, null, 3600L);
		KeyEntry mountOnly = this.store.write("a", json("{}"), null);
		assertThat(mountOnly.current().deletionTime()).isEqualTo(START.plusSeconds(3600));
		this.store.writeMetadata("b", new MetadataUpdate(null, null, 60L, null));
		assertThat(this.store.write("b", json("{}"), null).current().deletionTime()).isEqualTo(START.plusSeconds(60));
		this.store.writeMetadata("c", new MetadataUpdate(null, null, 7200L, null));
		assertThat(this.store.write("c", json("{}"), null).current().deletionTime())
			.isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void negativeMountDeleteVersionAfterDisablesItForEveryKey() {
		this.store.writeMetadata("b", new MetadataUpdate(null, null, 60L, null));
		this.store.updateConfig(null, null, -5L);
		assertThat(this.store.config().deleteVersionAfterSeconds()).isEqualTo(-1);
		assertThat(this.store.write("b", json("{}"), null).current().deletionTime()).isNull();
	}

	@Test
	void futureDeletionTimeIsStillReadable() {
		this.store.updateConfig(null, null, 60L);
		KeyEntry entry = this.store.write("a", json("{}"), null);
		assertThat(entry.current().isReadable(this.clock.instant())).isTrue();
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(entry.current().isReadable(this.clock.instant())).isFalse();
	}

	@Test
	void deleteLatestStampsNowOnce() {
		this.store.write("a", json("{}"), null);
		this.store.deleteLatest("a");
		assertThat(this.store.entry("a").current().deletionTime()).isEqualTo(START);
		this.clock.advance(Duration.ofSeconds(5));
		this.store.deleteLatest("a");
		assertThat(this.store.entry("a").current().deletionTime()).isEqualTo(START);
		assertThat(this.store.entry("a").currentVersion()).isEqualTo(1);
	}

	@Test
	void deleteUndeleteAndDestroyVersions() {
		this.store.write("a", json("{\"v\":1}"), null);
		this.store.write("a", json("{\"v\":2}"), null);
		this.store.deleteVersions("a", List.of(1L, 2L, 99L));
		assertThat(this.store.entry("a").version(1).isDeleted(this.clock.instant())).isTrue();
		this.store.undelete("a", List.of(1L));
		assertThat(this.store.entry("a").version(1).deletionTime()).isNull();
		assertThat(this.store.entry("a").version(2).deletionTime()).isEqualTo(START);
		this.store.destroy("a", List.of(2L));
		assertThat(this.store.entry("a").version(2).destroyed()).isTrue();
		assertThat(this.store.entry("a").data(2)).isNull();
		this.store.undelete("a", List.of(2L));
		assertThat(this.store.entry("a").version(2).destroyed()).isTrue();
		assertThat(this.store.entry("a").version(2).deletionTime()).isEqualTo(START);
	}

	@Test
	void undeleteRearmsDeleteVersionAfterFromNow() {
		this.store.updateConfig(null, null, 60L);
		this.store.write("a", json("{}"), null);
		this.clock.advance(Duration.ofSeconds(100));
		this.store.undelete("a", List.of(1L));
		assertThat(this.store.entry("a").version(1).deletionTime()).isEqualTo(START.plusSeconds(160));
	}

	@Test
	void operationsOnMissingKeysCreateNothing() {
		this.store.deleteLatest("x");
		this.store.deleteVersions("x", List.of(1L));
		this.store.undelete("x", List.of(1L));
		this.store.destroy("x", List.of(1L));
		assertThat(this.store.patch("x", json("{}"), null)).isInstanceOf(PatchOutcome.Missing.class);
		assertThat(this.store.patchMetadata("x", new MetadataUpdate(1L, null, null, null), null, false)).isNull();
		assertThat(this.store.entry("x")).isNull();
	}

	@Test
	void patchMergesIntoANewVersion() {
		this.store.write("a", json("{\"keep\":\"k\",\"drop\":\"d\",\"obj\":{\"x\":1,\"y\":2}}"), null);
		PatchOutcome outcome = this.store.patch("a", json("{\"drop\":null,\"obj\":{\"y\":null,\"z\":3},\"new\":[1]}"),
				IntNode.valueOf(1));
		assertThat(outcome).isInstanceOf(PatchOutcome.Patched.class);
		KeyEntry entry = ((PatchOutcome.Patched) outcome).entry();
		assertThat(entry.currentVersion()).isEqualTo(2);
		assertThat(entry.data(2)).isEqualTo(json("{\"keep\":\"k\",\"obj\":{\"x\":1,\"z\":3},\"new\":[1]}"));
		assertThat(entry.data(1)).isEqualTo(json("{\"keep\":\"k\",\"drop\":\"d\",\"obj\":{\"x\":1,\"y\":2}}"));
	}

	@Test
	void patchOfDeletedOrMetadataOnlyKeyWritesNothing() {
		this.store.writeMetadata("meta", new MetadataUpdate(2L, null, null, null));
		assertThat(this.store.patch("meta", json("{}"), null)).isInstanceOf(PatchOutcome.Missing.class);
		this.store.write("a", json("{}"), null);
		this.store.deleteLatest("a");
		assertThat(this.store.patch("a", json("{}"), null)).isInstanceOf(PatchOutcome.NotReadable.class);
		assertThat(this.store.entry("a").currentVersion()).isEqualTo(1);
	}

	@Test
	void metadataWriteChangesOnlyGivenFields() {
		this.store.writeMetadata("a", new MetadataUpdate(4L, true, 30L, java.util.Map.of("o", "me")));
		KeyEntry entry = this.store.writeMetadata("a", new MetadataUpdate(null, false, null, null));
		assertThat(entry.maxVersions()).isEqualTo(4);
		assertThat(entry.casRequired()).isFalse();
		assertThat(entry.deleteVersionAfterSeconds()).isEqualTo(30);
		assertThat(entry.customMetadata()).containsEntry("o", "me");
		assertThat(entry.currentVersion()).isZero();
	}

	@Test
	void listReturnsDirectChildrenSorted() {
		for (String key : List.of("b", "a/x", "a/y/z", "a", "c/d")) {
			this.store.write(key, json("{}"), null);
		}
		assertThat(this.store.list("", false)).containsExactly("a", "a/", "b", "c/");
		assertThat(this.store.list("a/", false)).containsExactly("x", "y/");
		assertThat(this.store.list("b/", false)).isEmpty();
		this.store.deleteLatest("b");
		assertThat(this.store.list("", false)).contains("b");
		assertThat(this.store.list("", true)).containsExactly("a", "a/", "c/");
	}

	@Test
	void deleteMetadataRemovesEverythingAndResetsVersions() {
		this.store.write("a", json("{}"), null);
		this.store.deleteMetadata("a");
		assertThat(this.store.entry("a")).isNull();
		assertThat(this.store.write("a", json("{}"), IntNode.valueOf(0)).currentVersion()).isEqualTo(1);
	}

	@Test
	void concurrentCasWritersNeverLoseAnUpdate() throws Exception {
		int threads = 8;
		int attemptsPerThread = 200;
		this.executor = Executors.newFixedThreadPool(threads);
		this.store.writeMetadata("counter", new MetadataUpdate(null, true, null, null));
		AtomicInteger successes = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(this.executor.submit(() -> {
				start.await();
				for (int i = 0; i < attemptsPerThread; i++) {
					KeyEntry seen = this.store.entry("counter");
					long current = seen.currentVersion();
					try {
						this.store.write("counter", json("{\"n\":" + (current + 1) + "}"), IntNode.valueOf((int) current));
						successes.incrementAndGet();
					}
					catch (KvRequestException ex) {
						assertThat(ex.getMessage()).isEqualTo(VersionedKvStore.CAS_MISMATCH);
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
		KeyEntry entry = this.store.entry("counter");
		assertThat(successes.get()).isPositive();
		assertThat(entry.currentVersion()).isEqualTo(successes.get());
		assertThat(entry.versions()).hasSize(10);
		entry.versions().keySet().forEach((v) -> assertThat(entry.data(v).get("n").asLong()).isEqualTo(v));
	}

	@Test
	void twoWritersWithTheSameCasExactlyOneWins() throws Exception {
		this.executor = Executors.newFixedThreadPool(2);
		for (int round = 0; round < 200; round++) {
			String key = "race-" + round;
			CountDownLatch start = new CountDownLatch(1);
			AtomicInteger wins = new AtomicInteger();
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				futures.add(this.executor.submit(() -> {
					start.await();
					try {
						this.store.write(key, json("{}"), IntNode.valueOf(0));
						wins.incrementAndGet();
					}
					catch (KvRequestException ex) {
						// the loser
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(10, TimeUnit.SECONDS);
			}
			assertThat(wins.get()).isEqualTo(1);
			assertThat(this.store.entry(key).currentVersion()).isEqualTo(1);
		}
	}

}
