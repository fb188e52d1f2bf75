package dev.vaultkv.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReplicationState} and {@link ReplicationStateStore}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplicationStateStoreTests {

	static String index(String cluster, long local, long replicated) {
		String raw = "v1:" + cluster + ":" + local + ":" + replicated + ":0a1b2c3d";
		return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void parsesVaultsFormat() {
		ReplicationState state = ReplicationState.parse(index("c1", 7, 42));
		assertThat(state).isNotNull();
		assertThat(state.clusterId()).isEqualTo("c1");
		assertThat(state.localIndex()).isEqualTo(7);
		assertThat(state.replicatedIndex()).isEqualTo(42);
		assertThat(state.header()).isEqualTo(index("c1", 7, 42));
		assertThat(state.toString()).doesNotContain(state.header());
	}

	@Test
	void rejectsWhatIsNotVaultsFormat() {
		String[] bad = { "", "not base64 at all!", b64("v2:c1:1:2:00"), b64("v1::1:2:00"), b64("v1:c1:x:2:00"),
				b64("v1:c1:1:2:zz"), b64("v1:c1:1:2"), b64("v1:c1:-1:2:00"), b64("v1:c1:1:2:3:00"),
				b64("v1:c1:99999999999999999999:2:00") };
		for (String header : bad) {
			assertThat(ReplicationState.parse(header)).as(header).isNull();
		}
		assertThat(ReplicationState.parse(null)).isNull();
	}

	@Test
	void keepsTheHighestStatePerCluster() {
		ReplicationStateStore store = new ReplicationStateStore();
		assertThat(store.isEmpty()).isTrue();
		assertThat(store.record(index("c1", 1, 10))).isTrue();
		assertThat(store.record(index("c1", 1, 12))).isTrue();
		// an older state (a lagging node's answer) changes nothing
		assertThat(store.record(index("c1", 1, 11))).isFalse();
		assertThat(store.record(index("c1", 1, 12))).isFalse();
		assertThat(store.getHeaders()).containsExactly(index("c1", 1, 12));
	}

	@Test
	void keepsStatesNeitherOfWhichIncludesTheOther() {
		ReplicationStateStore store = new ReplicationStateStore();
		store.record(index("c1", 5, 10));
		store.record(index("c1", 6, 9));
		assertThat(store.getHeaders()).containsExactly(index("c1", 5, 10), index("c1", 6, 9));
		// one that includes both replaces both
		store.record(index("c1", 6, 10));
		assertThat(store.getHeaders()).containsExactly(index("c1", 6, 10));
	}

	@Test
	void aStateOfAnotherClusterReplacesTheStatesKept() {
		ReplicationStateStore store = new ReplicationStateStore();
		store.record(index("c1", 5, 10));
		store.record(index("c1", 6, 9));
		assertThat(store.record(index("c2", 1, 3))).isTrue();
		assertThat(store.getHeaders()).containsExactly(index("c2", 1, 3));
		assertThat(store.getStates()).extracting(ReplicationState::clusterId).containsExactly("c2");
	}

	@Test
	void boundsTheStatesKept() {
		ReplicationStateStore store = new ReplicationStateStore();
		for (int i = 0; i < 10; i++) {
			store.record(index("c1", i, 100 - i));
		}
		assertThat(store.getHeaders()).hasSize(ReplicationStateStore.MAX_STATES).last().isEqualTo(index("c1", 9, 91));
	}

	@Test
	void ignoresMalformedHeadersWithoutLoggingThem(CapturedOutput output) {
		ReplicationStateStore store = new ReplicationStateStore();
		store.record(index("c1", 1, 10));
		String bad = b64("v1:secretish-cluster:1:notanumber:00");
		assertThat(store.record(bad)).isFalse();
		assertThat(store.record("%%%")).isFalse();
		assertThat(store.getHeaders()).containsExactly(index("c1", 1, 10));
		assertThat(store.getIgnoredCount()).isEqualTo(2);
		assertThat(output).doesNotContain(bad).doesNotContain("secretish-cluster");
		assertThat(store.toString()).isEqualTo("ReplicationStateStore[states=1]");
	}

	@Test
	void clearForgetsEverything() {
		ReplicationStateStore store = new ReplicationStateStore();
		store.record(index("c1", 1, 10));
		store.clear();
		assertThat(store.isEmpty()).isTrue();
		assertThat(store.getHeaders()).isEmpty();
	}

	private static String b64(String raw) {
		return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

}
