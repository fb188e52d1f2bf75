package dev.vaultkv.embedded.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.auth.VaultHttp.Reply;
import dev.vaultkv.embedded.standin.Ec2MetadataStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code aws} auth method through the real embedded server: configuration and role validation as
 * Vault's, IAM login against registered access keys, EC2 login with the metadata stand-in's documents.
 */
class AwsBackendHttpTests {

	private static final String USER_ARN = "arn:aws:iam::123456789012:user/team/app";

	private static final String ASSUMED_ARN = "arn:aws:sts::123456789012:assumed-role/deployer/session-1";

	private static EmbeddedVaultServer server;

	private static VaultHttp http;

	private static String root;

	private static Ec2MetadataStandIn imds;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder()
			.awsAccessKey("AKIAAPP", "app-secret", USER_ARN)
			.start();
		server.awsAccessKeys().register("ASIADEPLOY", "deploy-secret", "deploy-token", ASSUMED_ARN);
		http = new VaultHttp(server);
		root = server.getRootToken();
		assertThat(http.call("POST", "sys/auth/aws", root, Map.of("type", "aws")).status()).isEqualTo(204);
		imds = Ec2MetadataStandIn.builder()
			.instanceId("i-0bbb")
			.imageId("ami-0def")
			.region("eu-west-1")
			.pendingTime(Instant.parse("2026-01-01T10:00:00Z"))
			.start();
		assertThat(http.call("POST", "auth/aws/config/certificate/stand-in", root,
				Map.of("aws_public_cert", Base64.getEncoder().encodeToString(imds.getCertificatePem().getBytes()),
						"type", "pkcs7"))
			.status()).isEqualTo(204);
	}

	@AfterAll
	static void stop() {
		imds.close();
		server.close();
	}

	@Test
	void rolesAreValidatedAsVaultValidatesThem() {
		assertThat(roleError(Map.of("auth_type", "kerberos", "bound_ami_id", "ami-1")))
			.contains("unrecognized auth_type: kerberos");
		assertThat(roleError(Map.of("auth_type", "ec2", "bound_iam_principal_arn", USER_ARN)))
			.contains("specified bound_iam_principal_arn but not specifying iam auth_type");
		assertThat(roleError(Map.of("bound_region", "us-east-1")))
			.contains("specified bound_region but not specifying ec2 auth_type");
		assertThat(roleError(Map.of("bound_ami_id", "ami-1")))
			.contains("specified bound_ami_id but not specifying ec2 auth_type or inferring ec2_instance");
		assertThat(roleError(Map.of("auth_type", "iam"))).contains("at least one bound parameter");
		assertThat(roleError(Map.of("auth_type", "ec2", "bound_ami_id", "ami-1", "disallow_reauthentication", true,
				"allow_instance_migration", true)))
			.contains("cannot specify both disallow_reauthentication=true and allow_instance_migration=true");
		assertThat(http.call("POST", "auth/aws/role/Shape", root,
				Map.of("bound_iam_principal_arn", USER_ARN, "token_policies", "a,b", "token_ttl", "10m"))
			.status()).isEqualTo(204);
		Reply read = http.call("GET", "auth/aws/role/shape", root, null);
		assertThat(read.data().get("auth_type").asString()).isEqualTo("iam");
		assertThat(read.data().get("bound_iam_principal_arn").toString()).isEqualTo("[\"" + USER_ARN + "\"]");
		assertThat(read.data().get("token_ttl").asLong()).isEqualTo(600);
		assertThat(read.data().get("resolve_aws_unique_ids").asBoolean()).isTrue();
		assertThat(read.data().get("role_id").asString()).isNotEmpty();
		assertThat(http.call("POST", "auth/aws/role/shape", root, Map.of("auth_type", "ec2")).errors())
			.contains("changing auth_type on a role is not allowed");
		assertThat(http.call("LIST", "auth/aws/role", root, null).data().get("keys").toString()).contains("shape");
	}

	@Test
	void certificatesAndClientConfigurationAreStoredAsVault() {
		assertThat(http.call("POST", "auth/aws/config/certificate/bad", root,
				Map.of("aws_public_cert", "bm90IGEgY2VydA==")).errors()).contains("invalid certificate");
		assertThat(http.call("POST", "auth/aws/config/certificate/bad", root,
				Map.of("aws_public_cert", imds.getCertificatePem(), "type", "x509")).errors())
			.contains("invalid certificate type \\\"x509\\\"");
		Reply certificate = http.call("GET", "auth/aws/config/certificate/stand-in", root, null);
		assertThat(certificate.data().get("aws_public_cert").asString()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(certificate.data().get("type").asString()).isEqualTo("pkcs7");
		assertThat(http.call("LIST", "auth/aws/config/certificates", root, null).data().get("keys").toString())
			.contains("stand-in");
		assertThat(http.call("POST", "auth/aws/config/client", root,
				Map.of("access_key", "AKIAVAULT", "secret_key", "vault-secret", "sts_region", "us-east-1")).status())
			.isEqualTo(204);
		Reply client = http.call("GET", "auth/aws/config/client", root, null);
		assertThat(client.data().get("access_key").asString()).isEqualTo("AKIAVAULT");
		assertThat(client.data().has("secret_key")).isFalse();
		assertThat(http.call("DELETE", "auth/aws/config/client", root, null).status()).isEqualTo(204);
	}

	@Test
	void iamLoginIssuesATokenForTheSigningPrincipal() {
		role("app", Map.of("bound_iam_principal_arn", "arn:aws:iam::123456789012:user/app", "token_policies",
				"app-policy"));
		Reply login = iamLogin(Map.of("role", "app"), "AKIAAPP", "app-secret", null, Instant.now(), "GetCallerIdentity");
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.body().get("auth").get("policies").toString()).contains("app-policy");
		assertThat(login.body().get("auth").get("metadata").get("client_arn").asString()).isEqualTo(USER_ARN);
		assertThat(login.body().get("auth").get("metadata").get("canonical_arn").asString())
			.isEqualTo("arn:aws:iam::123456789012:user/app");
		assertThat(login.body().get("auth").get("metadata").get("client_user_id").asString()).startsWith("AIDA");
		Reply self = http.call("GET", "auth/token/lookup-self", login.clientToken(), null);
		assertThat(self.data().get("display_name").asString()).isEqualTo("aws-app");
		assertThat(self.data().get("path").asString()).isEqualTo("auth/aws/login");
	}

	@Test
	void iamLoginOfAnAssumedRoleNeedsItsSessionTokenAndDefaultsToTheRoleName() {
		role("deployer", Map.of("bound_iam_principal_arn", "arn:aws:iam::123456789012:role/deploy*", "token_policies",
				"deploy"));
		Reply login = iamLogin(Map.of(), "ASIADEPLOY", "deploy-secret", "deploy-token", Instant.now(),
				"GetCallerIdentity");
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		assertThat(login.body().get("auth").get("metadata").get("canonical_arn").asString())
			.isEqualTo("arn:aws:iam::123456789012:role/deployer");
		Reply withoutToken = iamLogin(Map.of(), "ASIADEPLOY", "deploy-secret", null, Instant.now(),
				"GetCallerIdentity");
		assertThat(withoutToken.errors()).contains("InvalidClientTokenId");
	}

	@Test
	void iamLoginIsRefusedAsVaultAndStsRefuseIt() {
		role("app", Map.of("bound_iam_principal_arn", "arn:aws:iam::123456789012:user/app"));
		role("other", Map.of("bound_iam_principal_arn", "arn:aws:iam::123456789012:user/other"));
		role("web", Map.of("auth_type", "ec2", "bound_ami_id", "ami-1"));
		assertThat(iamLogin(Map.of("role", "app"), "AKIAAPP", "wrong", null, Instant.now(), "GetCallerIdentity")
			.errors()).contains("error making upstream request: received error code 403 from STS")
				.contains("SignatureDoesNotMatch")
				.doesNotContain("wrong");
		assertThat(iamLogin(Map.of("role", "app"), "AKIAAPP", "app-secret", null,
				Instant.now().minus(Duration.ofMinutes(20)), "GetCallerIdentity").errors())
			.contains("Signature expired");
		assertThat(iamLogin(Map.of("role", "app"), "AKIAAPP", "app-secret", null,
				Instant.now().plus(Duration.ofMinutes(20)), "GetCallerIdentity").errors())
			.contains("Signature not yet current");
		assertThat(iamLogin(Map.of("role", "app"), "AKIAAPP", "app-secret", null, Instant.now(), "AssumeRole")
			.errors()).contains("InvalidAction");
		assertThat(iamLogin(Map.of("role", "other"), "AKIAAPP", "app-secret", null, Instant.now(),
				"GetCallerIdentity").errors())
			.contains("IAM Principal \\\"" + USER_ARN + "\\\" does not belong to the role \\\"other\\\"");
		assertThat(iamLogin(Map.of("role", "web"), "AKIAAPP", "app-secret", null, Instant.now(),
				"GetCallerIdentity").errors())
			.contains("auth method iam not allowed for role web");
		assertThat(iamLogin(Map.of("role", "missing"), "AKIAAPP", "app-secret", null, Instant.now(),
				"GetCallerIdentity").errors())
			.contains("entry for role missing not found");
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("iam_http_request_method", "POST")).errors())
			.contains("supplied some of the auth values for the iam auth type but not all");
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "app")).errors())
			.contains("didn't supply required authentication values");
	}

	@Test
	void ec2LoginAppliesVaultsNonceRules() throws Exception {
		role("ec2-nonce", Map.of("auth_type", "ec2", "bound_ami_id", "ami-0def", "bound_region", "eu-west-1"));
		http.call("DELETE", "auth/aws/identity-accesslist/i-0bbb", root, null);
		Reply first = http.call("POST", "auth/aws/login", null, Map.of("role", "ec2-nonce", "pkcs7", pkcs7()));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		String nonce = first.body().get("auth").get("metadata").get("nonce").asString();
		assertThat(first.body().get("auth").get("metadata").get("region").asString()).isEqualTo("eu-west-1");
		Reply entry = http.call("GET", "auth/aws/identity-accesslist/i-0bbb", root, null);
		assertThat(entry.data().get("client_nonce").asString()).isEqualTo(nonce);
		assertThat(entry.data().get("pending_time").asString()).isEqualTo("2026-01-01T10:00:00Z");
		assertThat(http.call("POST", "auth/aws/login", null,
				Map.of("role", "ec2-nonce", "pkcs7", pkcs7(), "nonce", nonce)).status()).isEqualTo(200);
		assertThat(http.call("POST", "auth/aws/login", null,
				Map.of("role", "ec2-nonce", "pkcs7", pkcs7(), "nonce", "another")).errors())
			.contains("client nonce mismatch");
		assertThat(http.call("DELETE", "auth/aws/identity-accesslist/i-0bbb", root, null).status()).isEqualTo(204);
		assertThat(http.call("POST", "auth/aws/login", null,
				Map.of("role", "ec2-nonce", "pkcs7", pkcs7(), "nonce", "another")).status()).isEqualTo(200);
		http.call("DELETE", "auth/aws/identity-accesslist/i-0bbb", root, null);
	}

	@Test
	void ec2LoginWithAnEmptyNonceDisallowsReauthentication() throws Exception {
		role("ec2-once", Map.of("auth_type", "ec2", "bound_ami_id", "ami-0def"));
		http.call("DELETE", "auth/aws/identity-accesslist/i-0bbb", root, null);
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "ec2-once", "pkcs7", pkcs7(), "nonce", ""))
			.status()).isEqualTo(200);
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "ec2-once", "pkcs7", pkcs7(), "nonce", ""))
			.errors()).contains("reauthentication is disabled");
		http.call("DELETE", "auth/aws/identity-accesslist/i-0bbb", root, null);
	}

	@Test
	void ec2LoginChecksTheRoleBounds() throws Exception {
		role("ec2-region", Map.of("auth_type", "ec2", "bound_region", "us-east-1"));
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "ec2-region", "pkcs7", pkcs7(), "nonce",
				"n")).errors())
			.contains("Region \\\"eu-west-1\\\" does not satisfy the constraint on role \\\"ec2-region\\\"");
		role("ec2-account", Map.of("auth_type", "ec2", "bound_account_id", "999999999999"));
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "ec2-account", "pkcs7", pkcs7(),
				"nonce", "n")).errors())
			.contains("Error validating instance: account ID \\\"123456789012\\\" does not belong to role");
		role("ec2-vpc", Map.of("auth_type", "ec2", "bound_vpc_id", "vpc-1"));
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "ec2-vpc", "pkcs7", pkcs7(), "nonce",
				"n")).errors())
			.contains("bound_vpc_id needs the EC2 API");
		assertThat(http.call("POST", "auth/aws/login", null, Map.of("role", "iam-only", "pkcs7", "bm90LXBrY3M3"))
			.errors()).contains("failed to parse the BER encoded PKCS#7 signature");
	}

	@Test
	void ec2LoginWithTheDocumentAndItsRsaSignature() {
		role("ec2-rsa", Map.of("auth_type", "ec2", "bound_ec2_instance_id", "i-0bbb"));
		String identity = Base64.getEncoder().encodeToString(imds.getIdentityDocument().getBytes(StandardCharsets.UTF_8));
		Map<String, String> login = Map.of("role", "ec2-rsa", "identity", identity, "signature", imds.getSignature(),
				"nonce", "rsa-nonce");
		Reply unregistered = http.call("POST", "auth/aws/login", null, login);
		assertThat(unregistered.status()).isEqualTo(500);
		assertThat(unregistered.errors())
			.contains("instance identity verification using SHA256 RSA signature is unsuccessful");
		assertThat(http.call("POST", "auth/aws/config/certificate/stand-in-rsa", root,
				Map.of("aws_public_cert", imds.getCertificatePem(), "type", "identity")).status()).isEqualTo(204);
		Reply login200 = http.call("POST", "auth/aws/login", null, login);
		assertThat(login200.status()).as(login200.toString()).isEqualTo(200);
		assertThat(login200.body().get("auth").get("metadata").get("instance_id").asString()).isEqualTo("i-0bbb");
		http.call("DELETE", "auth/aws/identity-accesslist/i-0bbb", root, null);
		http.call("DELETE", "auth/aws/config/certificate/stand-in-rsa", root, null);
	}

	@Test
	void metadataStandInRequiresAnImdsV2Token() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		URI pkcs7 = URI.create(imds.getAddress() + "/latest/dynamic/instance-identity/pkcs7");
		assertThat(client.send(HttpRequest.newBuilder(pkcs7).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(401);
		URI tokenUri = URI.create(imds.getAddress() + "/latest/api/token");
		assertThat(client.send(HttpRequest.newBuilder(tokenUri).PUT(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
		String token = client.send(HttpRequest.newBuilder(tokenUri)
			.header("X-aws-ec2-metadata-token-ttl-seconds", "60")
			.PUT(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		HttpResponse<String> document = client.send(HttpRequest
			.newBuilder(URI.create(imds.getAddress() + "/latest/dynamic/instance-identity/document"))
			.header("X-aws-ec2-metadata-token", token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(document.body()).contains("\"instanceId\" : \"i-0bbb\"", "\"imageId\" : \"ami-0def\"");
	}

	@Test
	void accessKeysNeedAnArn() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> server.awsAccessKeys().register("AKIA", "secret", "user/app"))
			.withMessageContaining("'arn' must be an IAM principal ARN");
		assertThat(server.awsAccessKeys().find("AKIAAPP").toString()).doesNotContain("app-secret");
	}

	private static String pkcs7() {
		return imds.getPkcs7().replace("\n", "");
	}

	private static void role(String name, Map<String, ?> body) {
		Reply reply = http.call("POST", "auth/aws/role/" + name, root, body);
		assertThat(reply.status()).as(reply.toString()).isIn(200, 204);
	}

	private static String roleError(Map<String, ?> body) {
		Reply reply = http.call("POST", "auth/aws/role/invalid", root, body);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		return reply.errors();
	}

	/**
	 * A login with an {@code sts:<action>} request signed as the AWS SDKs sign it (written here from the
	 * Signature Version 4 specification, independently of the server's verifier).
	 */
	private static Reply iamLogin(Map<String, String> extra, String accessKeyId, String secret,
			String sessionToken, Instant at, String action) {
		String url = "https://sts.amazonaws.com/";
		String body = "Action=" + action + "&Version=2011-06-15";
		String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(at);
		Map<String, String> headers = new TreeMap<>();
		headers.put("content-type", "application/x-www-form-urlencoded; charset=utf-8");
		headers.put("host", "sts.amazonaws.com");
		headers.put("x-amz-date", amzDate);
		if (sessionToken != null) {
			headers.put("x-amz-security-token", sessionToken);
		}
		StringBuilder canonicalHeaders = new StringBuilder();
		headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
		String signedHeaders = String.join(";", headers.keySet());
		String canonical = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + sha256Hex(body);
		String scope = amzDate.substring(0, 8) + "/us-east-1/sts/aws4_request";
		String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical);
		byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
		key = hmac(hmac(hmac(key, "us-east-1"), "sts"), "aws4_request");
		Map<String, List<String>> sent = new LinkedHashMap<>();
		sent.put("Content-Type", List.of(headers.get("content-type")));
		sent.put("X-Amz-Date", List.of(amzDate));
		if (sessionToken != null) {
			sent.put("X-Amz-Security-Token", List.of(sessionToken));
		}
		sent.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
				+ ", SignedHeaders=" + signedHeaders + ", Signature=" + HexFormat.of().formatHex(hmac(key, toSign))));
		Base64.Encoder base64 = Base64.getEncoder();
		Map<String, String> login = new LinkedHashMap<>(extra);
		login.put("iam_http_request_method", "POST");
		login.put("iam_request_url", base64.encodeToString(url.getBytes(StandardCharsets.UTF_8)));
		login.put("iam_request_body", base64.encodeToString(body.getBytes(StandardCharsets.UTF_8)));
		login.put("iam_request_headers", base64.encodeToString(JsonMapper.builder().build().writeValueAsBytes(sent)));
		return http.call("POST", "auth/aws/login", null, login);
	}

	private static String sha256Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
