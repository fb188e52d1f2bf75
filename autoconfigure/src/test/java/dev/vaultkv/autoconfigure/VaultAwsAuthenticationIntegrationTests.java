package dev.vaultkv.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import dev.vaultkv.auth.AwsEc2Authentication;
import dev.vaultkv.auth.AwsIamAuthentication;
import dev.vaultkv.auth.ClientAuthentication;
import dev.vaultkv.autoconfigure.diagnostics.VaultAuthenticationFailureAnalyzer;
import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.DefaultVaultClient;
import dev.vaultkv.client.TokenProvider;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.embedded.standin.Ec2MetadataStandIn;
import dev.vaultkv.kv.KvOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vault.authentication=aws-iam} and {@code aws-ec2} against the embedded server, whose {@code aws}
 * auth method stands in for STS with registered access keys and accepts the metadata stand-in's documents.
 */
class VaultAwsAuthenticationIntegrationTests {

	private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	private static EmbeddedVaultServer server;

	private static Ec2MetadataStandIn imds;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class))
		.withPropertyValues("vault.uri=" + server.getAddress());

	@BeforeAll
	static void startServer() {
		server = EmbeddedVaultServer.builder()
			.awsAccessKey("AKIAMYAPP", SECRET_KEY, "arn:aws:iam::123456789012:user/myapp")
			.secret("secret/myapp/db", Map.of("password", "s3cr3t"))
			.start();
		imds = Ec2MetadataStandIn.builder().imageId("ami-0myapp").start();
		VaultClient root = DefaultVaultClient.builder(server.getAddress())
			.tokenProvider(TokenProvider.of(VaultToken.of(server.getRootToken())))
			.build();
		root.execute(VaultRequest.post("sys/policies/acl/myapp")
			.body(Map.of("policy", "path \"secret/data/myapp/*\" { capabilities = [\"read\"] }"))
			.build());
		root.execute(VaultRequest.post("sys/auth/aws").body(Map.of("type", "aws")).build());
		root.execute(VaultRequest.post("auth/aws/config/client")
			.body(Map.of("iam_server_id_header_value", "vault.example.com"))
			.build());
		root.execute(VaultRequest.post("auth/aws/role/myapp")
			.body(Map.of("auth_type", "iam", "bound_iam_principal_arn", "arn:aws:iam::123456789012:user/myapp",
					"token_policies", List.of("myapp")))
			.build());
		root.execute(VaultRequest.post("auth/aws/config/certificate/imds")
			.body(Map.of("aws_public_cert", imds.getCertificatePem()))
			.build());
		root.execute(VaultRequest.post("auth/aws/role/myapp-ec2")
			.body(Map.of("auth_type", "ec2", "bound_ami_id", "ami-0myapp", "token_policies", List.of("myapp")))
			.build());
	}

	@AfterAll
	static void stopServer() {
		imds.close();
		server.close();
	}

	@Test
	void awsIamLogsInWithStaticCredentialsAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=aws-iam", "vault.aws-iam.access-key-id=AKIAMYAPP",
					"vault.aws-iam.secret-access-key=" + SECRET_KEY, "vault.aws-iam.server-id=vault.example.com")
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(AwsIamAuthentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void awsIamRefusalNamesNoSecret() {
		this.contextRunner
			.withPropertyValues("vault.authentication=aws-iam", "vault.aws-iam.access-key-id=AKIAMYAPP",
					"vault.aws-iam.secret-access-key=not-the-right-secret", "vault.aws-iam.server-id=vault.example.com")
			.run((context) -> {
				assertThat(context).getFailure()
					.hasStackTraceContaining("Vault refused the AWS IAM login at mount 'aws'")
					.hasStackTraceContaining("SignatureDoesNotMatch");
				StringWriter trace = new StringWriter();
				context.getStartupFailure().printStackTrace(new PrintWriter(trace));
				assertThat(trace.toString()).doesNotContain("not-the-right-secret");
			});
	}

	@Test
	void awsEc2LogsInWithTheInstanceIdentityDocumentAndReads() {
		this.contextRunner
			.withPropertyValues("vault.authentication=aws-ec2", "vault.aws-ec2.role=myapp-ec2",
					"vault.aws-ec2.metadata-endpoint=" + imds.getAddress())
			.run((context) -> {
				assertThat(context.getBean(ClientAuthentication.class)).isInstanceOf(AwsEc2Authentication.class);
				assertThat(context.getBean(KvOperations.class).read("myapp/db").data().getString("password"))
					.isEqualTo("s3cr3t");
			});
	}

	@Test
	void secretAccessKeyWithoutAccessKeyIdFailsNamingTheMissingProperty() {
		this.contextRunner
			.withPropertyValues("vault.authentication=aws-iam", "vault.aws-iam.secret-access-key=" + SECRET_KEY)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.aws-iam.access-key-id")
				.hasMessageNotContaining(SECRET_KEY));
	}

	@Test
	void accessKeyIdWithoutSecretAccessKeyFailsNamingTheMissingProperty() {
		this.contextRunner.withPropertyValues("vault.authentication=aws-iam", "vault.aws-iam.access-key-id=AKIAMYAPP")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.aws-iam.secret-access-key"));
	}

	@Test
	void relativeMetadataEndpointFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("vault.authentication=aws-ec2", "vault.aws-ec2.metadata-endpoint=169.254.169.254")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("vault.aws-ec2.metadata-endpoint")
				.hasMessageContaining("absolute URL"));
	}

	@Test
	void refusedAwsLoginAnalysisNamesTheAwsProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("vault.authentication", "aws-iam");
		FailureAnalysis analysis = new VaultAuthenticationFailureAnalyzer(environment).analyze(
				new AuthenticationException("POST", "auth/aws/login", 400, List.of("entry for role x not found"), null));
		assertThat(analysis.getAction()).contains("vault.aws-iam.role", "vault.aws-iam.server-id");
		FailureAnalysis ec2 = new VaultAuthenticationFailureAnalyzer(
				new MockEnvironment().withProperty("vault.authentication", "AWS_EC2"))
			.analyze(new AuthenticationException("POST", "auth/aws/login", 400, List.of("client nonce mismatch"),
					null));
		assertThat(ec2.getAction()).contains("vault.aws-ec2.nonce");
	}

}
