package dev.vaultkv.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Namespaces (Vault Enterprise and OpenBao behaviour): isolation, descendants, header and path prefixes.
 */
class NamespaceTests {

	private static EmbeddedVaultServer server;

	private VaultHttp http;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder().secretEngine("kv", TestKvBackend::new).start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void reset() {
		server.reset();
		this.http = new VaultHttp(server.getAddress());
		assertThat(this.http.post("sys/namespaces/ns1", "root", "{}").status()).isEqualTo(200);
		assertThat(this.http.call("POST", "sys/namespaces/team").token("root").header("X-Vault-Namespace", "ns1").send()
			.status()).isEqualTo(200);
	}

	private VaultHttp.Reply inNamespace(String namespace, String method, String path, String token, String body) {
		VaultHttp.Call call = this.http.call(method, path).token(token).header("X-Vault-Namespace", namespace);
		return (body != null) ? call.body(body).send() : call.send();
	}

	@Test
	void namespacesAreListedAndRead() {
		VaultHttp.Reply list = this.http.list("sys/namespaces", "root");
		assertThat(list.data().path("keys").toString()).isEqualTo("[\"ns1/\"]");
		VaultHttp.Reply read = this.http.get("sys/namespaces/ns1", "root");
		assertThat(read.data().path("path").asString()).isEqualTo("ns1/");
		assertThat(read.data().path("id").asString()).isNotEmpty();
		VaultHttp.Reply nested = inNamespace("ns1", "LIST", "sys/namespaces", "root", null);
		assertThat(nested.data().path("keys").toString()).isEqualTo("[\"team/\"]");
		assertThat(this.http.get("sys/namespaces/missing", "root").status()).isEqualTo(404);
	}

	@Test
	void eachNamespaceHasItsOwnMountsAndPolicies() {
		VaultHttp.Reply mounts = inNamespace("ns1", "GET", "sys/mounts", "root", null);
		assertThat(mounts.data().has("secret/")).isFalse();
		assertThat(mounts.data().has("sys/")).isTrue();
		assertThat(inNamespace("ns1", "POST", "sys/mounts/secret", "root", "{\"type\":\"kv-v2\"}").status()).isEqualTo(204);
		assertThat(inNamespace("ns1", "POST", "sys/policies/acl/app", "root",
				"{\"policy\":\"path \\\"secret/data/*\\\" { capabilities = [\\\"read\\\", \\\"create\\\", \\\"update\\\"] }\"}")
			.status()).isEqualTo(204);
		assertThat(this.http.get("sys/policies/acl/app", "root").status()).isEqualTo(404);
		assertThat(inNamespace("ns1", "GET", "sys/policies/acl/app", "root", null).status()).isEqualTo(200);
	}

	@Test
	void tokenWorksInItsNamespaceAndDescendantsOnly() {
		inNamespace("ns1", "POST", "sys/policies/acl/reader", "root",
				"{\"policy\":\"path \\\"team/sys/mounts\\\" { capabilities = [\\\"read\\\"] }\\npath \\\"sys/mounts\\\" { capabilities = [\\\"read\\\"] }\"}");
		VaultHttp.Reply created = inNamespace("ns1", "POST", "auth/token/create", "root", "{\"policies\":[\"reader\"]}");
		String token = created.json().path("auth").path("client_token").asString();
		assertThat(inNamespace("ns1", "GET", "sys/mounts", token, null).status()).isEqualTo(200);
		assertThat(inNamespace("ns1/team", "GET", "sys/mounts", token, null).status()).isEqualTo(200);
		assertThat(inNamespace("ns1", "GET", "team/sys/mounts", token, null).status()).isEqualTo(200);
		assertThat(this.http.get("ns1/team/sys/mounts", token).status()).isEqualTo(200);
		assertThat(this.http.get("sys/mounts", token).status()).isEqualTo(403);
		assertThat(inNamespace("ns1/team", "GET", "sys/policies/acl", token, null).status()).isEqualTo(403);
		VaultHttp.Reply self = this.http.get("auth/token/lookup-self", token);
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.data().path("namespace_path").asString()).isEqualTo("ns1/");
	}

	@Test
	void missingNamespaceIsNoHandler() {
		VaultHttp.Reply reply = inNamespace("nope", "GET", "sys/mounts", "root", null);
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.firstError()).isEqualTo("no handler for route \"nope/sys/mounts\". route entry not found.");
	}

	@Test
	void healthIgnoresTheNamespaceHeader() {
		assertThat(inNamespace("nope", "GET", "sys/health", null, null).status()).isEqualTo(200);
	}

	@Test
	void namespaceWithChildrenCannotBeDeleted() {
		VaultHttp.Reply reply = this.http.delete("sys/namespaces/ns1", "root");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(inNamespace("ns1", "DELETE", "sys/namespaces/team", "root", null).status()).isEqualTo(204);
		assertThat(this.http.delete("sys/namespaces/ns1", "root").status()).isEqualTo(204);
		assertThat(this.http.list("sys/namespaces", "root").status()).isEqualTo(404);
	}

	@Test
	void deletingNamespaceRevokesItsTokens() {
		VaultHttp.Reply created = inNamespace("ns1/team", "POST", "auth/token/create", "root", "{}");
		String token = created.json().path("auth").path("client_token").asString();
		assertThat(token).contains(".");
		assertThat(inNamespace("ns1", "DELETE", "sys/namespaces/team", "root", null).status()).isEqualTo(204);
		assertThat(this.http.get("auth/token/lookup-self", token).status()).isEqualTo(403);
	}

}
