package dev.vaultkv.embedded.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

class CertBackendTests {

	private final TestMountContext context = new TestMountContext("auth/cert/", "cert");

	private final Backend backend = new CertBackendFactory().create(this.context);

	CertBackendTests() {
		// the committed certificates are valid from 2026-11-27 for 100 years
		this.context.now = java.time.Instant.parse("2030-01-01T00:00:00Z");
	}

	@Test
	void certEntryCrud() {
		assertError(call("POST", "certs/bad", Map.of("certificate", "junk")), 400, "failed to parse certificate");
		assertError(call("POST", "certs/server", Map.of("certificate", TestCertificates.pem("server-only.pem"))), 400,
				"nonCA certificates should have TLS client authentication set as an extended key usage");
		assertThat(call("POST", "certs/ca", Map.of("certificate", TestCertificates.pem("ca.pem"), "token_policies",
				"certs", "allowed_common_names", "app-*")).getStatus()).isEqualTo(204);
		ObjectNode entry = call("GET", "certs/ca", null).getData();
		assertThat(entry.get("display_name").asString()).isEqualTo("ca");
		assertThat(entry.get("allowed_common_names").toString()).isEqualTo("[\"app-*\"]");
		assertThat(entry.get("certificate").asString()).contains("BEGIN CERTIFICATE");
		assertThat(call("LIST", "certs", null).getData().get("keys").toString()).isEqualTo("[\"ca\"]");
		assertThat(call("DELETE", "certs/ca", null).getStatus()).isEqualTo(204);
		assertThat(call("GET", "certs/ca", null).getStatus()).isEqualTo(404);
	}

	@Test
	void loginWithCaSignedClientCertificate() {
		trustCa("app-*");
		ApiResponse login = login(Map.of(), TestCertificates.certificate("client.pem"),
				TestCertificates.certificate("ca.pem"));
		assertThat(login.getStatus()).isEqualTo(200);
		assertThat(login.getAuth().metadata()).containsEntry("cert_name", "web")
			.containsEntry("common_name", "app-client")
			.containsEntry("serial_number", "4242")
			.containsEntry("subject_key_id", "cf:d5:bf:5e:8d:77:6c:26:80:66:a4:48:8e:c3:cc:cd:a2:0d:03:99")
			.containsEntry("authority_key_id", "df:23:ec:8a:20:61:f5:75:b4:e8:01:e5:2a:3d:46:83:24:61:db:92");
		assertThat(this.context.lastIssued().displayName()).isEqualTo("cert-web-display");
		assertThat(this.context.lastIssued().policies()).containsExactly("certs");
		assertThat(login(Map.of(), TestCertificates.certificate("client.pem")).getStatus()).isEqualTo(200);
	}

	@Test
	void constraintsAndUnknownIssuers() {
		trustCa("app-*");
		assertError(login(Map.of(), TestCertificates.certificate("other-client.pem")), 400,
				"no chain matching all constraints could be found for this login certificate");
		assertError(login(Map.of(), TestCertificates.certificate("rogue-client.pem"),
				TestCertificates.certificate("rogue-ca.pem")), 400,
				"invalid certificate or no client certificate supplied");
		assertError(login(Map.of("name", "missing"), TestCertificates.certificate("client.pem")), 400,
				"invalid certificate or no client certificate supplied");
		assertError(login(Map.of()), 400, "no client certificate found");
	}

	@Test
	void certificatesAreCheckedAtTheServerClock() {
		trustCa("app-*");
		this.context.now = java.time.Instant.parse("2020-01-01T00:00:00Z");
		assertError(login(Map.of(), TestCertificates.certificate("client.pem")), 400,
				"invalid certificate or no client certificate supplied");
	}

	@Test
	void nameSelectsTheEntry() {
		trustCa("app-*");
		call("POST", "certs/other", Map.of("certificate", TestCertificates.pem("ca.pem"), "allowed_common_names",
				"other-*", "token_policies", "other"));
		assertThat(login(Map.of("name", "other"), TestCertificates.certificate("other-client.pem")).getStatus())
			.isEqualTo(200);
		assertThat(this.context.lastIssued().policies()).containsExactly("other");
		assertError(login(Map.of("name", "other"), TestCertificates.certificate("client.pem")), 400,
				"no chain matching all constraints");
	}

	@Test
	void selfSignedClientCertificateTrustedDirectly() {
		call("POST", "certs/self", Map.of("certificate", TestCertificates.pem("self-signed-client.pem")));
		assertThat(login(Map.of(), TestCertificates.certificate("self-signed-client.pem")).getStatus())
			.isEqualTo(200);
		assertError(login(Map.of(), TestCertificates.certificate("client.pem")), 400,
				"invalid certificate or no client certificate supplied");
	}

	private void trustCa(String commonNames) {
		assertThat(call("POST", "certs/web", Map.of("certificate", TestCertificates.pem("ca.pem"), "display_name",
				"web-display", "allowed_common_names", commonNames, "token_policies", "certs")).getStatus())
			.isEqualTo(204);
	}

	private ApiResponse login(Map<String, ?> body, X509Certificate... chain) {
		ObjectNode data = Json.MAPPER.valueToTree(body);
		ApiRequest request = new ApiRequest("POST", "auth/cert/login", "auth/cert/", "login", "", data, Map.of(),
				null, List.of(chain), this.context.now);
		return this.backend.handle(request);
	}

	private ApiResponse call(String method, String subPath, Map<String, ?> body) {
		ObjectNode data = (body != null) ? Json.MAPPER.valueToTree(body) : null;
		return this.backend.handle(this.context.request(method, subPath, data));
	}

}
