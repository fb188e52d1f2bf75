package dev.vaultkv.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Logs in with the AWS auth method's {@code iam} type: signs an {@code sts:GetCallerIdentity} request with
 * AWS Signature Version 4 and hands it to Vault ({@code POST auth/<path>/login} with
 * {@code iam_http_request_method}, {@code iam_request_url}, {@code iam_request_body} and
 * {@code iam_request_headers}), which sends it on to STS to learn who signed it. Credentials are asked for
 * on every login, because temporary credentials rotate; the secret access key never leaves this process.
 *
 * @since 0.1.0
 */
public final class AwsIamAuthentication implements ClientAuthentication {

	static final String SERVER_ID_HEADER = "X-Vault-AWS-IAM-Server-ID";

	static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AwsIamAuthenticationOptions options;

	private final AwsSigV4Signer signer;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public AwsIamAuthentication(AwsIamAuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
		this.signer = new AwsSigV4Signer(options.getRegion(), "sts");
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		Map<String, Object> body = LoginRequests.body(this.options.getRole());
		body.putAll(loginData(credentials()));
		return LoginRequests.login(client, "AWS IAM", this.options, this.options.getRole(), body,
				"check that the role exists with auth_type iam and binds this IAM principal, and that the "
						+ "server ID header and STS endpoint match the auth method's client configuration");
	}

	private AwsCredentials credentials() {
		AwsCredentials credentials;
		try {
			credentials = this.options.getCredentials().get();
		}
		catch (AuthenticationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new AuthenticationException("The AWS credentials supplier failed (" + ex.getClass().getSimpleName()
					+ ")", null, null, 0, List.of(), ex);
		}
		if (credentials == null) {
			throw new AuthenticationException("The AWS credentials supplier returned no credentials", null, null, 0,
					List.of(), null);
		}
		return credentials;
	}

	/**
	 * The signed request's login fields.
	 */
	Map<String, String> loginData(AwsCredentials credentials) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
		if (this.options.getServerId() != null) {
			headers.put(SERVER_ID_HEADER, this.options.getServerId());
		}
		byte[] requestBody = BODY.getBytes(StandardCharsets.UTF_8);
		Map<String, String> signed = this.signer.sign("POST", this.options.getStsEndpoint(), headers, requestBody,
				credentials, Instant.now());
		Map<String, List<String>> headerLists = new LinkedHashMap<>();
		signed.forEach((name, value) -> headerLists.put(name, List.of(value)));
		Base64.Encoder base64 = Base64.getEncoder();
		Map<String, String> data = new LinkedHashMap<>();
		data.put("iam_http_request_method", "POST");
		data.put("iam_request_url",
				base64.encodeToString(this.options.getStsEndpoint().toString().getBytes(StandardCharsets.UTF_8)));
		data.put("iam_request_body", base64.encodeToString(requestBody));
		data.put("iam_request_headers", base64.encodeToString(JSON.writeValueAsBytes(headerLists)));
		return data;
	}

	@Override
	public String getMethodName() {
		return "aws";
	}

	@Override
	public String toString() {
		return "AwsIamAuthentication[" + this.options + "]";
	}

}
