package dev.vaultkv.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AwsSigV4Signer} against the examples AWS publishes for Signature Version 4.
 */
class AwsSigV4SignerTests {

	private static final AwsCredentials EXAMPLE = AwsCredentials.of("AKIDEXAMPLE",
			"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

	private static final Instant AUGUST_30_2015 = Instant.parse("2015-08-30T12:36:00Z");

	@Test
	void derivesTheSigningKeyOfTheDocumentedExample() {
		// AWS's "deriving the signing key" example
		assertThat(AwsSigV4Signer
			.hex(AwsSigV4Signer.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")))
			.isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
	}

	@Test
	void signsTheGetVanillaRequestOfTheTestSuite() {
		Map<String, String> headers = new AwsSigV4Signer("us-east-1", "service").sign("GET",
				URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0], EXAMPLE, AUGUST_30_2015);
		assertThat(headers).containsEntry("X-Amz-Date", "20150830T123600Z")
			.containsEntry("Authorization",
					"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
							+ "SignedHeaders=host;x-amz-date, "
							+ "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
	}

	@Test
	void signsTheIamListUsersExample() {
		Map<String, String> headers = new AwsSigV4Signer("us-east-1", "iam").sign("GET",
				URI.create("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
				Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), new byte[0], EXAMPLE,
				AUGUST_30_2015);
		assertThat(headers.get("Authorization"))
			.isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
					+ "SignedHeaders=content-type;host;x-amz-date, "
					+ "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
	}

	@Test
	void sortsQueryParametersAsTheTestSuiteRequires() {
		// get-vanilla-query-order-key-case
		Map<String, String> headers = new AwsSigV4Signer("us-east-1", "service").sign("GET",
				URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"), Map.of(), new byte[0],
				EXAMPLE, AUGUST_30_2015);
		assertThat(headers.get("Authorization"))
			.endsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
	}

	@Test
	void signsTheSessionTokenAndTheBody() {
		AwsCredentials temporary = AwsCredentials.of("ASIAEXAMPLE", "secret", "session-token");
		AwsSigV4Signer signer = new AwsSigV4Signer("eu-west-1", "sts");
		Map<String, String> headers = signer.sign("POST", URI.create("https://sts.eu-west-1.amazonaws.com/"),
				Map.of("X-Vault-AWS-IAM-Server-ID", "vault.example.com"),
				"Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8), temporary,
				AUGUST_30_2015);
		assertThat(headers).containsEntry("X-Amz-Security-Token", "session-token");
		assertThat(headers.get("Authorization"))
			.contains("Credential=ASIAEXAMPLE/20150830/eu-west-1/sts/aws4_request")
			.contains("SignedHeaders=host;x-amz-date;x-amz-security-token;x-vault-aws-iam-server-id,");
		Map<String, String> otherBody = signer.sign("POST", URI.create("https://sts.eu-west-1.amazonaws.com/"),
				Map.of("X-Vault-AWS-IAM-Server-ID", "vault.example.com"),
				"Action=GetCallerIdentity&Version=2011-06-16".getBytes(StandardCharsets.UTF_8), temporary,
				AUGUST_30_2015);
		assertThat(otherBody.get("Authorization")).isNotEqualTo(headers.get("Authorization"));
	}

}
