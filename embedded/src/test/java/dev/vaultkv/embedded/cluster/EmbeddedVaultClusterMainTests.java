package dev.vaultkv.embedded.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vaultkv.embedded.Flavour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EmbeddedVaultClusterMain}.
 */
class EmbeddedVaultClusterMainTests {

	@Test
	void startsTheRequestedNodes(@TempDir Path dir) throws Exception {
		Path seed = dir.resolve("seed.json");
		Files.writeString(seed, "{\"secret/app\": {\"password\": \"s3cr3t\"}}");
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultCluster cluster = EmbeddedVaultClusterMain.start(new String[] { "--nodes", "3",
				"--performance-standbys=1", "--port", "0", "--root-token", "tok", "--seed", seed.toString(),
				"--replication-lag", "250ms", "--election-delay", "1s" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			String printed = output.toString(StandardCharsets.UTF_8);
			assertThat(printed.lines()).hasSize(3);
			assertThat(printed).contains("node 0 (active) listening on " + cluster.node(0).address())
				.contains("node 1 (performance_standby)")
				.contains("node 2 (standby)");
			ClusterHttp.Reply read = ClusterHttp.get(cluster.node(2), "secret/data/app", "tok");
			assertThat(read.data().path("data").path("password").asString()).isEqualTo("s3cr3t");
		}
	}

	@Test
	void startsAnOpenBaoClusterWithTheFlavourOption() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (EmbeddedVaultCluster cluster = EmbeddedVaultClusterMain.start(
				new String[] { "--nodes", "2", "--port", "0", "--flavour=openbao" },
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			assertThat(cluster.flavour()).isEqualTo(Flavour.OPENBAO);
			assertThat(output.toString(StandardCharsets.UTF_8)).contains("vaultkv embedded OpenBao node 1 (standby)");
		}
	}

	@Test
	void recognisesClusterArguments() {
		assertThat(EmbeddedVaultClusterMain.isClusterCommand(new String[] { "--port", "8200", "--nodes", "3" }))
			.isTrue();
		assertThat(EmbeddedVaultClusterMain.isClusterCommand(new String[] { "--port", "8200" })).isFalse();
	}

	@Test
	void rejectsBadValues() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultClusterMain.start(new String[] { "--nodes", "three" }, System.out))
			.withMessage("Invalid value 'three' for --nodes: expected a number");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultClusterMain.start(new String[] { "--nodes", "2", "--replication-lag",
					"soon" }, System.out))
			.withMessageContaining("Invalid duration 'soon' for --replication-lag");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedVaultClusterMain.start(new String[] { "--nodes", "2", "--bogus", "1" },
					System.out))
			.withMessage("Unknown option --bogus");
	}

}
