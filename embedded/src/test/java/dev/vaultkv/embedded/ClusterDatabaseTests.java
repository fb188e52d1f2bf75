package dev.vaultkv.embedded;

import org.junit.jupiter.api.Test;

import dev.vaultkv.embedded.cluster.EmbeddedVaultCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leased secrets read through a cluster: issued by the active node, shared by every node.
 */
class ClusterDatabaseTests {

	private static final String READONLY = "{\"db_name\":\"h2\",\"creation_statements\":"
			+ "[\"CREATE USER \\\"{{name}}\\\" PASSWORD '{{password}}'\"],\"default_ttl\":\"1h\",\"max_ttl\":\"2h\"}";

	@Test
	void credentialsReadOnAPerformanceStandbyAreIssuedByTheActiveNodeWithAnIndex() {
		try (H2TestDatabase database = new H2TestDatabase();
				EmbeddedVaultCluster cluster = EmbeddedVaultCluster.builder()
					.nodes(2)
					.performanceStandbys(1)
					.mount("database", "database")
					.start()) {
			VaultHttp active = new VaultHttp(cluster.node(0).address());
			VaultHttp perf = new VaultHttp(cluster.node(1).address());
			assertThat(active.post("database/config/h2", "root", database.configJson("readonly")).status())
				.isEqualTo(204);
			assertThat(perf.post("database/roles/readonly", "root", READONLY).status()).isEqualTo(204);
			VaultHttp.Reply creds = perf.get("database/creds/readonly", "root");
			assertThat(creds.status()).as(creds.toString()).isEqualTo(200);
			assertThat(creds.header("X-Vault-Index")).isNotNull();
			String leaseId = creds.json().path("lease_id").asString();
			assertThat(leaseId).startsWith("database/creds/readonly/");
			assertThat(cluster.node(0).requestLog().count("GET", "database/creds/readonly")).isEqualTo(1);
			VaultHttp.Reply lookup = perf.post("sys/leases/lookup", "root", "{\"lease_id\":\"" + leaseId + "\"}");
			assertThat(lookup.status()).isEqualTo(200);
		}
	}

}
