package dev.vaultkv.embedded.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.vaultkv.embedded.standin.AwsAccessKeys;
import dev.vaultkv.embedded.standin.AwsAccessKeys.AccessKey;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for AWS STS answering a forwarded {@code sts:GetCallerIdentity} request: checks the Signature
 * Version 4 {@code Authorization} header against the {@link AwsAccessKeys registered keys}, the request
 * time (within 15 minutes of the server clock) and the action, and answers with the caller's ARN. Refusals
 * carry STS's error codes and messages.
 *
 * @author vaultkv
 */
final class AwsStsVerifier {

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Duration SKEW = Duration.ofMinutes(15);

	private static final Pattern AUTHORIZATION = Pattern.compile(
			"AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
					+ "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})\\s*");

	private final AwsAccessKeys keys;

	AwsStsVerifier(AwsAccessKeys keys) {
		this.keys = keys;
	}

	/**
	 * Verify a forwarded request as STS would.
	 * @param method the HTTP method
	 * @param url the request URL the client signed
	 * @param body the request body
	 * @param headers the request headers by name (any case)
	 * @param stsRegion the region the STS endpoint Vault calls serves, or {@code null} for the one the
	 * client signed for
	 * @param now the server clock's time
	 * @return the caller's access key
	 * @throws StsException when STS would refuse the request
	 */
	AccessKey verify(String method, URI url, String body, Map<String, List<String>> headers,
			@Nullable String stsRegion, Instant now) {
		Map<String, String> lower = new TreeMap<>();
		headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
				(a, b) -> a + "," + b));
		String authorization = lower.get("authorization");
		if (authorization == null) {
			throw new StsException(400, "MissingAuthenticationToken", "Request is missing Authentication Token");
		}
		Matcher matcher = AUTHORIZATION.matcher(authorization);
		if (!matcher.matches()) {
			throw new StsException(400, "IncompleteSignature",
					"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
		}
		AccessKey key = this.keys.find(matcher.group(1));
		String sessionToken = lower.get("x-amz-security-token");
		if (key == null || !constantTimeEquals(key.sessionToken(), sessionToken)) {
			throw new StsException(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
		}
		String amzDate = lower.get("x-amz-date");
		Instant signedAt = parse(amzDate);
		if (signedAt == null) {
			throw new StsException(400, "IncompleteSignature",
					"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
		}
		if (signedAt.isBefore(now.minus(SKEW))) {
			throw new StsException(403, "SignatureDoesNotMatch", "Signature expired: " + amzDate
					+ " is now earlier than " + AMZ_DATE.format(now.minus(SKEW)) + " (" + AMZ_DATE.format(now)
					+ " - 15 min.)");
		}
		if (signedAt.isAfter(now.plus(SKEW))) {
			throw new StsException(403, "SignatureDoesNotMatch", "Signature not yet current: " + amzDate
					+ " is still later than " + AMZ_DATE.format(now.plus(SKEW)) + " (" + AMZ_DATE.format(now)
					+ " + 15 min.)");
		}
		String date = matcher.group(2);
		String region = matcher.group(3);
		String service = matcher.group(4);
		if (!service.equals("sts")) {
			throw new StsException(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'. ");
		}
		if (stsRegion != null && !region.equals(stsRegion)) {
			throw new StsException(403, "SignatureDoesNotMatch",
					"Credential should be scoped to a valid region, not '" + region + "'. ");
		}
		List<String> signedHeaders = List.of(matcher.group(5).split(";"));
		if (!signedHeaders.contains("host")) {
			throw new StsException(403, "SignatureDoesNotMatch",
					"'Host' must be a 'SignedHeader' in the AWS Authorization.");
		}
		lower.putIfAbsent("host", host(url));
		StringBuilder canonicalHeaders = new StringBuilder();
		for (String name : signedHeaders) {
			String value = lower.getOrDefault(name, "");
			canonicalHeaders.append(name).append(':').append(value.strip().replaceAll(" +", " ")).append('\n');
		}
		String canonicalRequest = method + "\n" + path(url) + "\n" + query(url) + "\n" + canonicalHeaders + "\n"
				+ matcher.group(5) + "\n" + hex(sha256(body.getBytes(StandardCharsets.UTF_8)));
		String scope = date + "/" + region + "/" + service + "/aws4_request";
		String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
				+ hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] signingKey = hmac(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
		signingKey = hmac(hmac(hmac(signingKey, region), service), "aws4_request");
		String expected = hex(hmac(signingKey, stringToSign));
		if (!date.equals(amzDate.substring(0, 8)) || !constantTimeEquals(expected, matcher.group(6))) {
			throw new StsException(403, "SignatureDoesNotMatch",
					"The request signature we calculated does not match the signature you provided. Check your "
							+ "AWS Secret Access Key and signing method. Consult the service documentation for details.");
		}
		Map<String, String> form = form(body);
		if (!"GetCallerIdentity".equals(form.get("Action"))) {
			throw new StsException(400, "InvalidAction",
					"Could not find operation " + form.getOrDefault("Action", "") + " for version "
							+ form.getOrDefault("Version", ""));
		}
		return key;
	}

	private static @Nullable Instant parse(@Nullable String amzDate) {
		if (amzDate == null) {
			return null;
		}
		try {
			return AMZ_DATE.parse(amzDate, Instant::from);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String host(URI url) {
		int port = url.getPort();
		boolean defaultPort = port == -1 || (port == 443 && "https".equals(url.getScheme()))
				|| (port == 80 && "http".equals(url.getScheme()));
		return defaultPort ? url.getHost() : url.getHost() + ":" + port;
	}

	private static String path(URI url) {
		String path = url.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	private static String query(URI url) {
		String query = url.getRawQuery();
		if (query == null || query.isEmpty()) {
			return "";
		}
		List<String> parameters = new ArrayList<>(List.of(query.split("&")));
		parameters.replaceAll((parameter) -> parameter.contains("=") ? parameter : parameter + "=");
		parameters.sort(null);
		return String.join("&", parameters);
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new TreeMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static boolean constantTimeEquals(@Nullable String expected, @Nullable String given) {
		if (expected == null || given == null) {
			return expected == null && given == null;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * A refusal as STS answers it; the message is the body Vault quotes.
	 */
	static final class StsException extends RuntimeException {

		private final int status;

		StsException(int status, String code, String message) {
			super("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n"
					+ "    <Code>" + code + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n"
					+ "  <RequestId>" + java.util.UUID.randomUUID() + "</RequestId>\n</ErrorResponse>\n", null, false, false);
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

}
