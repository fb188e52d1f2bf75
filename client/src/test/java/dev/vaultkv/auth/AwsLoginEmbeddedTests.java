package dev.vaultkv.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultException;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.standin.Ec2MetadataStandIn;
import dev.vaultkv.kv.KvTemplate;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * AWS IAM and EC2 login end to end against the embedded Vault server, whose {@code aws} auth method checks
 * the signed STS request against registered access keys and the identity document against a registered
 * certificate.
 */
class AwsLoginEmbeddedTests {

	private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	private static final String USER_ARN = "arn:aws:iam::123456789012:user/app";

	private static EmbeddedVaultServer server;

	private static VaultClient root;

	private static VaultClient unauthenticated;

	private static Ec2MetadataStandIn imds;

	@BeforeAll
	static void start() {
		server = EmbeddedVaultServer.builder()
			.secret("secret/aws/app", Map.of("password", "s3cr3t"))
			.awsAccessKey("AKIAAPPEXAMPLE", SECRET_KEY, USER_ARN)
			.start();
		root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		unauthenticated = DefaultVaultClient.builder(server.getAddress()).build();
		SysTemplate sys = new SysTemplate(root);
		sys.writePolicy("reader", "path \"secret/data/aws/*\" { capabilities = [\"read\"] }");
		sys.enableAuth("aws", MountRequest.of("aws"));
		rootWrite("auth/aws/role/app", Map.of("auth_type", "iam", "bound_iam_principal_arn", USER_ARN,
				"token_policies", "reader"));
		imds = Ec2MetadataStandIn.builder().instanceId("i-0aaa").imageId("ami-0abc").start();
		rootWrite("auth/aws/config/certificate/stand-in",
				Map.of("aws_public_cert", imds.getCertificatePem(), "type", "pkcs7"));
		rootWrite("auth/aws/role/web", Map.of("auth_type", "ec2", "bound_ami_id", "ami-0abc", "token_policies",
				"reader"));
	}

	@AfterAll
	static void stop() {
		imds.close();
		server.close();
	}

	@AfterEach
	void forgetInstance() {
		root.execute(VaultRequest.delete("auth/aws/identity-accesslist/i-0aaa").build());
		root.execute(VaultRequest.delete("auth/aws/config/client").build());
	}

	@Test
	void iamLoginGetsATokenThatReadsSecrets() {
		VaultAuth auth = new AwsIamAuthentication(iam().role("app").build()).login(unauthenticated);
		assertThat(auth.policies()).contains("reader");
		assertThat(auth.metadata()).containsEntry("client_arn", USER_ARN)
			.containsEntry("canonical_arn", USER_ARN)
			.containsEntry("auth_type", "iam")
			.containsEntry("account_id", "123456789012");
		assertThat(read(auth.clientToken())).isEqualTo("s3cr3t");
	}

	@Test
	void iamLoginWithoutRoleUsesThePrincipalsFriendlyName() {
		VaultAuth auth = new AwsIamAuthentication(iam().build()).login(unauthenticated);
		assertThat(auth.policies()).contains("reader");
	}

	@Test
	void iamLoginSignedWithTheWrongSecretIsRefusedWithoutNamingIt() {
		AwsIamAuthentication authentication = new AwsIamAuthentication(iam().role("app")
			.credentials(AwsCredentials.of("AKIAAPPEXAMPLE", "not-the-secret-key"))
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(400))
			.withMessageContaining("AWS IAM login at mount 'aws' for role 'app'")
			.withMessageContaining("SignatureDoesNotMatch")
			.withMessageNotContaining("not-the-secret-key");
	}

	@Test
	void iamLoginWithAnUnknownAccessKeyIsRefused() {
		AwsIamAuthentication authentication = new AwsIamAuthentication(
				iam().credentials(AwsCredentials.of("AKIAUNKNOWN", SECRET_KEY)).build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated))
			.withMessageContaining("InvalidClientTokenId")
			.withMessageNotContaining(SECRET_KEY);
	}

	@Test
	void iamLoginSignedMoreThanFifteenMinutesAgoIsRefused() {
		AwsIamAuthentication authentication = new AwsIamAuthentication(iam().role("app").build());
		server.clock().advance(Duration.ofMinutes(16));
		try {
			assertThatExceptionOfType(AuthenticationException.class)
				.isThrownBy(() -> authentication.login(unauthenticated))
				.withMessageContaining("Signature expired");
		}
		finally {
			server.clock().advance(Duration.ofMinutes(-16));
		}
		assertThat(authentication.login(unauthenticated).policies()).contains("reader");
	}

	@Test
	void iamLoginChecksTheServerIdHeader() {
		rootWrite("auth/aws/config/client", Map.of("iam_server_id_header_value", "vault.example.com"));
		AwsIamAuthentication none = new AwsIamAuthentication(iam().role("app").build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> none.login(unauthenticated))
			.withMessageContaining("missing header \"X-Vault-AWS-IAM-Server-ID\"");
		AwsIamAuthentication wrong = new AwsIamAuthentication(iam().role("app").serverId("other.example.com").build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> wrong.login(unauthenticated))
			.withMessageContaining("expected \"vault.example.com\" but got \"other.example.com\"");
		AwsIamAuthentication right = new AwsIamAuthentication(iam().role("app").serverId("vault.example.com").build());
		assertThat(right.login(unauthenticated).policies()).contains("reader");
	}

	@Test
	void iamLoginAsksForFreshCredentialsEachTime() {
		server.awsAccessKeys().register("ASIAFIRST", "first-secret", "token-1", USER_ARN);
		server.awsAccessKeys().register("ASIASECOND", "second-secret", "token-2", USER_ARN);
		AtomicInteger calls = new AtomicInteger();
		AwsIamAuthentication authentication = new AwsIamAuthentication(iam().role("app")
			.credentialsSupplier(() -> (calls.incrementAndGet() == 1)
					? AwsCredentials.of("ASIAFIRST", "first-secret", "token-1")
					: AwsCredentials.of("ASIASECOND", "second-secret", "token-2"))
			.build());
		authentication.login(unauthenticated);
		server.awsAccessKeys().remove("ASIAFIRST");
		assertThat(authentication.login(unauthenticated).policies()).contains("reader");
		assertThat(calls).hasValue(2);
	}

	@Test
	void iamLoginWithARegionSignsForItsRegionalEndpoint() {
		AwsIamAuthenticationOptions options = iam().role("app").region("eu-west-1").build();
		assertThat(options.getStsEndpoint()).hasToString("https://sts.eu-west-1.amazonaws.com/");
		assertThat(iam().region("cn-north-1").build().getStsEndpoint())
			.hasToString("https://sts.cn-north-1.amazonaws.com.cn/");
		// Vault calls the global endpoint unless told otherwise
		assertThatExceptionOfType(AuthenticationException.class)
			.isThrownBy(() -> new AwsIamAuthentication(options).login(unauthenticated))
			.withMessageContaining("Credential should be scoped to a valid region");
		rootWrite("auth/aws/config/client",
				Map.of("sts_endpoint", "https://sts.eu-west-1.amazonaws.com", "sts_region", "eu-west-1"));
		assertThat(new AwsIamAuthentication(options).login(unauthenticated).policies()).contains("reader");
	}

	@Test
	void ec2LoginKeepsItsNonceForReLogins() {
		AwsEc2Authentication authentication = new AwsEc2Authentication(ec2().role("web").build());
		VaultAuth first = authentication.login(unauthenticated);
		assertThat(first.metadata()).containsEntry("instance_id", "i-0aaa")
			.containsEntry("ami_id", "ami-0abc")
			.containsEntry("role", "web")
			.doesNotContainKey("nonce");
		assertThat(read(first.clientToken())).isEqualTo("s3cr3t");
		assertThat(authentication.login(unauthenticated).policies()).contains("reader");
	}

	@Test
	void ec2LoginWithAnotherNonceIsRefused() {
		new AwsEc2Authentication(ec2().role("web").nonce("first-nonce").build()).login(unauthenticated);
		AwsEc2Authentication other = new AwsEc2Authentication(ec2().role("web").nonce("second-nonce").build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> other.login(unauthenticated))
			.withMessageContaining("client nonce mismatch")
			.withMessageNotContaining("second-nonce");
		assertThat(new AwsEc2Authentication(ec2().role("web").nonce("first-nonce").build()).login(unauthenticated)
			.policies()).contains("reader");
	}

	@Test
	void ec2LoginWithoutRoleUsesTheAmiId() {
		rootWrite("auth/aws/role/ami-0abc", Map.of("auth_type", "ec2", "bound_account_id", "123456789012",
				"token_policies", "reader"));
		VaultAuth auth = new AwsEc2Authentication(ec2().build()).login(unauthenticated);
		assertThat(auth.metadata()).containsEntry("role", "ami-0abc");
	}

	@Test
	void ec2LoginWithADocumentSignedByAnUnregisteredKeyFails() {
		try (Ec2MetadataStandIn stranger = Ec2MetadataStandIn.builder().imageId("ami-0abc").start()) {
			AwsEc2Authentication authentication = new AwsEc2Authentication(
					AwsEc2AuthenticationOptions.builder().role("web").metadataEndpoint(stranger.getAddress()).build());
			assertThatExceptionOfType(VaultException.class).isThrownBy(() -> authentication.login(unauthenticated))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500))
				.withMessageContaining("failed to verify the signature");
		}
	}

	@Test
	void ec2LoginWithoutMetadataServiceFailsClearly() {
		AwsEc2Authentication authentication = new AwsEc2Authentication(AwsEc2AuthenticationOptions.builder()
			.metadataEndpoint(java.net.URI.create("http://127.0.0.1:1"))
			.timeout(Duration.ofSeconds(2))
			.build());
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> authentication.login(unauthenticated))
			.withMessageContaining("EC2 instance metadata service at http://127.0.0.1:1");
	}

	@Test
	void optionsAndAuthenticationsNeverShowSecrets() {
		AwsIamAuthentication iam = new AwsIamAuthentication(
				iam().credentials(AwsCredentials.of("AKIAAPPEXAMPLE", SECRET_KEY, "session-token")).build());
		assertThat(iam.toString()).contains("AKIAAPPEXAMPLE").doesNotContain(SECRET_KEY, "session-token");
		assertThat(iam.getMethodName()).isEqualTo("aws");
		AwsEc2Authentication ec2 = new AwsEc2Authentication(ec2().nonce("the-nonce").build());
		assertThat(ec2.toString()).doesNotContain("the-nonce");
		assertThat(ec2.getMethodName()).isEqualTo("aws");
	}

	private static AwsIamAuthenticationOptions.Builder iam() {
		return AwsIamAuthenticationOptions.builder().credentials(AwsCredentials.of("AKIAAPPEXAMPLE", SECRET_KEY));
	}

	private static AwsEc2AuthenticationOptions.Builder ec2() {
		return AwsEc2AuthenticationOptions.builder().metadataEndpoint(imds.getAddress());
	}

	private static String read(VaultToken token) {
		VaultClient app = DefaultVaultClient.builder(server.getAddress()).tokenProvider(TokenProvider.of(token)).build();
		return KvTemplate.create(app, "secret").read("aws/app").data().getString("password");
	}

	private static void rootWrite(String path, Map<String, ?> body) {
		root.execute(VaultRequest.post(path).body(body).build());
	}


}
