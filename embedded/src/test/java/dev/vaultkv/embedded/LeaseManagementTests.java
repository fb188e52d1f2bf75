package dev.vaultkv.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.LeaseRequest;
import dev.vaultkv.embedded.spi.SecretLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's lease manager ({@code sys/leases/*}, expiry on the server clock, revocation with tokens and
 * mounts), driven through a small leasing engine that records what the core asks of it.
 */
class LeaseManagementTests {

	private static final String LEASE_ID = "leasing/creds/app/[0-9A-Za-z]{24}";

	private final List<String> revoked = new CopyOnWriteArrayList<>();

	private final AtomicBoolean failRevocations = new AtomicBoolean();

	private EmbeddedVaultServer server;

	private VaultHttp http;

	@BeforeEach
	void start() {
		this.server = EmbeddedVaultServer.builder()
			.secretEngine("leasing", (context) -> new LeasingBackend(this.revoked, this.failRevocations))
			.mount("leasing", "leasing")
			.start();
		// a whole second: Vault rounds "now" to the second in lease lookups
		this.server.clock().freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		this.http = new VaultHttp(this.server.getAddress());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private JsonNode issue(String token) {
		VaultHttp.Reply reply = this.http.get("leasing/creds/app", token);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		return reply.json();
	}

	private String childToken(String json) {
		return this.http.post("auth/token/create", "root", json).json().path("auth").path("client_token").asString();
	}

	@Test
	void leasedSecretCarriesLeaseIdDurationAndRenewable() {
		JsonNode reply = issue("root");
		assertThat(reply.path("lease_id").asString()).matches(LEASE_ID);
		assertThat(reply.path("renewable").asBoolean()).isTrue();
		assertThat(reply.path("lease_duration").asLong()).isEqualTo(3600);
		assertThat(reply.path("data").path("value").asString()).isEqualTo("issued");
		assertThat(this.server.leases()).singleElement().satisfies((lease) -> {
			assertThat(lease.id()).isEqualTo(reply.path("lease_id").asString());
			assertThat(lease.path()).isEqualTo("leasing/creds/app");
			assertThat(lease.expireTime()).isEqualTo(lease.issueTime().plusSeconds(3600));
		});
	}

	@Test
	void lookupReportsTimesAndTtl() {
		String leaseId = issue("root").path("lease_id").asString();
		this.server.clock().advance(Duration.ofMinutes(10));
		VaultHttp.Reply lookup = this.http.call("PUT", "sys/leases/lookup")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(lookup.status()).isEqualTo(200);
		JsonNode data = lookup.data();
		assertThat(data.path("id").asString()).isEqualTo(leaseId);
		assertThat(data.path("ttl").asLong()).isEqualTo(3000);
		assertThat(data.path("renewable").asBoolean()).isTrue();
		assertThat(data.path("last_renewal").isNull()).isTrue();
		assertThat(data.path("issue_time").asString()).isNotEmpty();
		assertThat(data.path("expire_time").asString()).isNotEmpty();
	}

	@Test
	void lookupAndRenewErrorsUseVaultWording() {
		assertThat(this.http.call("PUT", "sys/leases/lookup").token("root").body("{}").send().firstError())
			.isEqualTo("lease_id must be specified");
		VaultHttp.Reply unknownLookup = this.http.call("PUT", "sys/leases/lookup")
			.token("root")
			.body("{\"lease_id\":\"leasing/creds/app/nope\"}")
			.send();
		assertThat(unknownLookup.status()).isEqualTo(400);
		assertThat(unknownLookup.firstError()).isEqualTo("invalid lease");
		VaultHttp.Reply unknownRenew = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"leasing/creds/app/nope\"}")
			.send();
		assertThat(unknownRenew.status()).isEqualTo(400);
		assertThat(unknownRenew.firstError()).isEqualTo("lease not found");
		assertThat(this.http.call("PUT", "sys/leases/renew").token("root").body("{}").send().firstError())
			.isEqualTo("lease_id must be specified");
	}

	@Test
	void renewExtendsUpToTheMaxTtlWithVaultsWarning() {
		String leaseId = issue("root").path("lease_id").asString();
		this.server.clock().advance(Duration.ofMinutes(30));
		VaultHttp.Reply renewed = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\",\"increment\":\"1h\"}")
			.send();
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.json().path("lease_id").asString()).isEqualTo(leaseId);
		assertThat(renewed.json().path("lease_duration").asLong()).isEqualTo(3600);
		assertThat(renewed.json().path("renewable").asBoolean()).isTrue();
		assertThat(renewed.json().path("data").isNull()).isTrue();
		assertThat(renewed.json().path("warnings").isNull()).isTrue();
		this.server.clock().advance(Duration.ofMinutes(50));
		// issued 80 minutes ago with a 2h max: 40 minutes are left
		VaultHttp.Reply capped = this.http.call("PUT", "sys/leases/renew/" + leaseId)
			.token("root")
			.body("{\"increment\":3600}")
			.send();
		assertThat(capped.json().path("lease_duration").asLong()).isEqualTo(2400);
		assertThat(capped.json().path("warnings").path(0).asString())
			.isEqualTo("TTL of \"1h\" exceeded the effective max_ttl of \"40m\"; TTL value is capped accordingly");
		this.server.clock().advance(Duration.ofMinutes(39));
		VaultHttp.Reply lookup = this.http.call("PUT", "sys/leases/lookup")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(lookup.data().path("ttl").asLong()).isEqualTo(60);
		assertThat(lookup.data().path("last_renewal").asString()).isNotEmpty();
	}

	@Test
	void expiryOnTheServerClockRevokesThroughTheEngine() {
		String leaseId = issue("root").path("lease_id").asString();
		this.server.clock().advance(Duration.ofMinutes(59));
		assertThat(this.revoked).isEmpty();
		this.server.clock().advance(Duration.ofMinutes(1));
		assertThat(this.revoked).containsExactly("issued");
		assertThat(this.server.leases()).isEmpty();
		VaultHttp.Reply renew = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(renew.firstError()).isEqualTo("lease not found");
	}

	@Test
	void revokeIsSynchronousAndIdempotent() {
		String leaseId = issue("root").path("lease_id").asString();
		VaultHttp.Reply revoke = this.http.call("PUT", "sys/leases/revoke")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(revoke.status()).isEqualTo(204);
		assertThat(this.revoked).containsExactly("issued");
		assertThat(this.server.leases()).isEmpty();
		assertThat(this.http.call("PUT", "sys/leases/revoke/" + leaseId).token("root").send().status())
			.isEqualTo(204);
		assertThat(this.revoked).hasSize(1);
	}

	@Test
	void revokeWithoutSyncIsAcceptedAndDoneBeforeTheAnswer() {
		String leaseId = issue("root").path("lease_id").asString();
		VaultHttp.Reply revoke = this.http.call("PUT", "sys/leases/revoke")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\",\"sync\":false}")
			.send();
		assertThat(revoke.status()).isEqualTo(202);
		assertThat(revoke.text()).isEmpty();
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void listAndRevokePrefix() {
		String first = issue("root").path("lease_id").asString();
		String second = issue("root").path("lease_id").asString();
		VaultHttp.Reply top = this.http.list("sys/leases/lookup/leasing/creds/", "root");
		assertThat(top.data().path("keys").toString()).isEqualTo("[\"app/\"]");
		VaultHttp.Reply ids = this.http.list("sys/leases/lookup/leasing/creds/app", "root");
		assertThat(ids.data().path("keys")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder(first.substring(first.lastIndexOf('/') + 1),
					second.substring(second.lastIndexOf('/') + 1));
		assertThat(this.http.list("sys/leases/lookup/", "root").data().path("keys").toString())
			.isEqualTo("[\"leasing/\"]");
		assertThat(this.http.list("sys/leases/lookup/other/", "root").status()).isEqualTo(404);
		// "leasing/creds/ap" is not a folder of "leasing/creds/app/..."
		assertThat(this.http.call("PUT", "sys/leases/revoke-prefix/leasing/creds/ap").token("root").send().status())
			.isEqualTo(204);
		assertThat(this.server.leases()).hasSize(2);
		assertThat(this.http.call("PUT", "sys/leases/revoke-prefix/leasing/creds").token("root").send().status())
			.isEqualTo(204);
		assertThat(this.server.leases()).isEmpty();
		assertThat(this.revoked).hasSize(2);
	}

	@Test
	void revokePrefixAndLookupListNeedSudo() {
		issue("root");
		String token = childToken("{\"policies\":[\"default\"]}");
		assertThat(this.http.call("PUT", "sys/leases/revoke-prefix/leasing").token(token).send().status())
			.isEqualTo(403);
		assertThat(this.http.list("sys/leases/lookup/leasing/", token).status()).isEqualTo(403);
		assertThat(this.server.leases()).hasSize(1);
	}

	@Test
	void defaultPolicyMayRenewAndLookUp() {
		this.http.post("sys/policies/acl/reader", "root",
				"{\"policy\":\"path \\\"leasing/creds/*\\\" { capabilities = [\\\"read\\\"] }\"}");
		String token = childToken("{\"policies\":[\"reader\"]}");
		String leaseId = issue(token).path("lease_id").asString();
		String body = "{\"lease_id\":\"" + leaseId + "\"}";
		assertThat(this.http.call("PUT", "sys/leases/renew").token(token).body(body).send().status()).isEqualTo(200);
		assertThat(this.http.call("PUT", "sys/leases/lookup").token(token).body(body).send().status()).isEqualTo(200);
		assertThat(this.http.call("PUT", "sys/leases/revoke").token(token).body(body).send().status()).isEqualTo(403);
	}

	@Test
	void revokingTheTokenRevokesItsLeasesBeforeAnswering() {
		String parent = childToken("{\"policies\":[\"root\"]}");
		String child = this.http.post("auth/token/create", parent, "{}").json().path("auth").path("client_token")
			.asString();
		issue(parent);
		issue(child);
		issue("root");
		assertThat(this.http.post("auth/token/revoke", "root", "{\"token\":\"" + parent + "\"}").status())
			.isEqualTo(204);
		assertThat(this.revoked).hasSize(2);
		assertThat(this.server.leases()).singleElement();
	}

	@Test
	void tokenExpiryRevokesItsLeasesOnTheServerClock() {
		String token = childToken("{\"policies\":[\"root\"],\"ttl\":\"10m\"}");
		issue(token);
		this.server.clock().advance(Duration.ofMinutes(10));
		assertThat(this.revoked).containsExactly("issued");
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void failedRevocationIsReportedAndExpiryGivesUpAfterSixAttempts() {
		String leaseId = issue("root").path("lease_id").asString();
		this.failRevocations.set(true);
		VaultHttp.Reply revoke = this.http.call("PUT", "sys/leases/revoke")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(revoke.status()).isEqualTo(400);
		assertThat(revoke.firstError())
			.isEqualTo("failed to revoke entry: resp: (*logical.Response)(nil) err: database is down");
		VaultHttp.Reply prefix = this.http.call("PUT", "sys/leases/revoke-prefix/leasing/creds/app")
			.token("root")
			.send();
		assertThat(prefix.firstError()).isEqualTo("failed to revoke \"" + leaseId
				+ "\" (1 / 1): failed to revoke entry: resp: (*logical.Response)(nil) err: database is down");
		this.server.clock().advance(Duration.ofHours(1));
		for (int i = 0; i < 5; i++) {
			this.server.clock().advance(Duration.ofSeconds(10));
		}
		assertThat(this.server.leases()).singleElement().satisfies((lease) -> assertThat(lease.irrevocable()).isTrue());
		VaultHttp.Reply renew = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + leaseId + "\"}")
			.send();
		assertThat(renew.firstError()).isEqualTo("lease is expired and has failed previous revocation attempts");
		assertThat(this.http.call("PUT", "sys/leases/revoke-force/leasing").token("root").send().status())
			.isEqualTo(204);
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void leasesOfANamespaceCarryItsIdAndStayInIt() {
		assertThat(this.http.post("sys/namespaces/ns1", "root", "{}").status()).isEqualTo(200);
		assertThat(this.http.post("ns1/sys/mounts/leasing", "root", "{\"type\":\"leasing\"}").status()).isEqualTo(204);
		VaultHttp.Reply issued = this.http.get("ns1/leasing/creds/app", "root");
		String leaseId = issued.json().path("lease_id").asString();
		assertThat(leaseId).matches(LEASE_ID + "\\.[0-9A-Za-z]+");
		String body = "{\"lease_id\":\"" + leaseId + "\"}";
		assertThat(this.http.call("PUT", "sys/leases/lookup").token("root").body(body).send().firstError())
			.isEqualTo("invalid lease");
		assertThat(this.http.call("PUT", "ns1/sys/leases/lookup").token("root").body(body).send().status())
			.isEqualTo(200);
		assertThat(this.server.leases()).singleElement()
			.satisfies((lease) -> assertThat(lease.namespace()).isEqualTo("ns1/"));
		assertThat(this.http.call("PUT", "sys/leases/revoke").token("root").body(body).send().status()).isEqualTo(204);
		assertThat(this.server.leases()).hasSize(1);
		assertThat(this.http.call("PUT", "ns1/sys/leases/revoke").token("root").body(body).send().status())
			.isEqualTo(204);
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void unmountRevokesTheMountsLeases() {
		issue("root");
		assertThat(this.http.delete("sys/mounts/leasing", "root").status()).isEqualTo(204);
		assertThat(this.revoked).containsExactly("issued");
		assertThat(this.server.leases()).isEmpty();
	}

	@Test
	void nonRenewableLeaseCannotBeRenewed() {
		VaultHttp.Reply reply = this.http.get("leasing/creds/fixed", "root");
		assertThat(reply.json().path("renewable").asBoolean()).isFalse();
		VaultHttp.Reply renew = this.http.call("PUT", "sys/leases/renew")
			.token("root")
			.body("{\"lease_id\":\"" + reply.json().path("lease_id").asString() + "\"}")
			.send();
		assertThat(renew.firstError()).isEqualTo("lease is not renewable");
	}

	@Test
	void resetRevokesEveryLease() {
		issue("root");
		this.server.reset();
		assertThat(this.revoked).containsExactly("issued");
		assertThat(this.server.leases()).isEmpty();
		assertThat(this.http.get("leasing/creds/app", "root").status()).isEqualTo(200);
	}

	@Test
	void faultsAndRequestLogCoverLeaseEndpoints() {
		String leaseId = issue("root").path("lease_id").asString();
		this.server.faults().failMatching("sys/leases/.*", 1, 503, "Vault is sealed");
		String body = "{\"lease_id\":\"" + leaseId + "\"}";
		VaultHttp.Reply failed = this.http.call("PUT", "sys/leases/renew").token("root").body(body).send();
		assertThat(failed.status()).isEqualTo(503);
		assertThat(this.http.call("PUT", "sys/leases/renew").token("root").body(body).send().status())
			.isEqualTo(200);
		assertThat(this.server.requestLog().count("PUT", "sys/leases/renew")).isEqualTo(2);
		assertThat(this.server.requestLog().count((entry) -> entry.path().equals("sys/leases/renew")
				&& entry.status() == 503)).isEqualTo(1);
	}

	/**
	 * Issues {@code creds/app} (renewable, 1h TTL, 2h max) and {@code creds/fixed} (not renewable).
	 */
	private static final class LeasingBackend implements Backend {

		private final List<String> revoked;

		private final AtomicBoolean failRevocations;

		LeasingBackend(List<String> revoked, AtomicBoolean failRevocations) {
			this.revoked = revoked;
			this.failRevocations = failRevocations;
		}

		@Override
		public ApiResponse handle(ApiRequest request) {
			ObjectNode data = VaultHttp.MAPPER.createObjectNode().put("value", "issued");
			ObjectNode internal = VaultHttp.MAPPER.createObjectNode().put("value", "issued");
			boolean renewable = !request.subPath().equals("creds/fixed");
			return ApiResponse.leased(data,
					new SecretLease(Duration.ofHours(1), Duration.ofHours(2), renewable, internal));
		}

		@Override
		public SecretLease renew(LeaseRequest request) {
			return new SecretLease(Duration.ofHours(1), Duration.ofHours(2), true, request.internalData());
		}

		@Override
		public void revoke(LeaseRequest request) {
			if (this.failRevocations.get()) {
				throw new IllegalStateException("database is down");
			}
			this.revoked.add(request.internalData().path("value").asString());
		}

	}

}
