package dev.vaultkv.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vaultkv.client.AuthenticationException;
import dev.vaultkv.client.VaultAuth;
import dev.vaultkv.client.VaultClient;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Logs in with the AWS auth method's {@code ec2} type: fetches the instance's PKCS#7-signed identity
 * document from the instance metadata service (IMDSv2: a session token first, then the document) and sends
 * it to {@code POST auth/<path>/login} with the role and a nonce. Vault ties the nonce to the instance at
 * the first login and refuses a later login with another one, so the nonce (configured, or generated once)
 * is kept for every login of this instance; it is never logged.
 *
 * @since 0.1.0
 */
public final class AwsEc2Authentication implements ClientAuthentication {

	static final String TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds";

	static final String TOKEN_HEADER = "X-aws-ec2-metadata-token";

	private final AwsEc2AuthenticationOptions options;

	private final String nonce;

	private final HttpClient httpClient;

	/**
	 * Create a new instance.
	 * @param options the options
	 */
	public AwsEc2Authentication(AwsEc2AuthenticationOptions options) {
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
		this.nonce = (options.getNonce() != null) ? options.getNonce() : UUID.randomUUID().toString();
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(options.getTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			// the metadata service answers on a link-local address; a proxy would not reach it
			.proxy(HttpClient.Builder.NO_PROXY)
			.build();
	}

	@Override
	public VaultAuth login(VaultClient client) {
		Assert.notNull(client, "'client' must not be null");
		String pkcs7 = identityDocument();
		Map<String, Object> body = LoginRequests.body(this.options.getRole());
		body.put("pkcs7", pkcs7);
		body.put("nonce", this.nonce);
		return LoginRequests.login(client, "AWS EC2", this.options, this.options.getRole(), body,
				"check that the role exists with auth_type ec2 and binds this instance, that the signing "
						+ "certificate is registered, and that the nonce is the one of the instance's first login");
	}

	/**
	 * The PKCS#7 signature of the instance identity document, newlines removed as Vault expects.
	 */
	private String identityDocument() {
		URI base = this.options.getMetadataEndpoint();
		String token = send(HttpRequest.newBuilder(resolve(base, "/latest/api/token"))
			.timeout(this.options.getTimeout())
			.header(TOKEN_TTL_HEADER, "21600")
			.PUT(HttpRequest.BodyPublishers.noBody())
			.build(), "an IMDSv2 session token");
		String pkcs7 = send(HttpRequest.newBuilder(resolve(base, "/latest/dynamic/instance-identity/pkcs7"))
			.timeout(this.options.getTimeout())
			.header(TOKEN_HEADER, token)
			.GET()
			.build(), "the PKCS#7 instance identity document");
		return pkcs7.replaceAll("\\s", "");
	}

	private String send(HttpRequest request, String what) {
		HttpResponse<String> response;
		try {
			response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw failure("Could not get " + what + " from the EC2 instance metadata service at "
					+ this.options.getMetadataEndpoint() + " (" + ex.getClass().getSimpleName()
					+ "); AWS EC2 login works on an EC2 instance, or with a reachable metadata endpoint", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted while getting " + what + " from the EC2 instance metadata service", ex);
		}
		if (response.statusCode() != 200 || response.body().isBlank()) {
			throw failure("The EC2 instance metadata service at " + this.options.getMetadataEndpoint()
					+ " answered " + response.statusCode() + " when asked for " + what, null);
		}
		return response.body().strip();
	}

	private static URI resolve(URI base, String path) {
		String text = base.toString();
		return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
	}

	private static AuthenticationException failure(String message, @Nullable Throwable cause) {
		return new AuthenticationException(message, null, null, 0, List.of(), cause);
	}

	@Override
	public String getMethodName() {
		return "aws";
	}

	@Override
	public String toString() {
		return "AwsEc2Authentication[" + this.options + "]";
	}

}
