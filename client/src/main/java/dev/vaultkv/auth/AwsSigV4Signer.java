package dev.vaultkv.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request with AWS Signature Version 4 in the {@code Authorization} header, as the
 * {@code sts:GetCallerIdentity} request of AWS IAM login needs. Covers what that request uses: an
 * unencoded path, an already encoded query, a body hashed whole.
 */
final class AwsSigV4Signer {

	static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private final String region;

	private final String service;

	AwsSigV4Signer(String region, String service) {
		this.region = region;
		this.service = service;
	}

	/**
	 * Sign a request.
	 * @param method the HTTP method
	 * @param uri the request URI
	 * @param headers the headers to sign besides {@code Host} and {@code X-Amz-Date}
	 * @param body the body
	 * @param credentials the credentials
	 * @param now the signing time
	 * @return the headers to send: the given ones, {@code X-Amz-Date}, {@code X-Amz-Security-Token} for
	 * temporary credentials, and {@code Authorization}
	 */
	Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
			AwsCredentials credentials, Instant now) {
		String amzDate = AMZ_DATE.format(now);
		Map<String, String> signed = new LinkedHashMap<>(headers);
		signed.put("X-Amz-Date", amzDate);
		if (credentials.getSessionToken() != null) {
			signed.put("X-Amz-Security-Token", credentials.getSessionToken());
		}
		Map<String, String> canonical = new TreeMap<>();
		canonical.put("host", host(uri));
		signed.forEach((name, value) -> canonical.put(name.toLowerCase(Locale.ROOT), normalize(value)));
		String signedHeaders = String.join(";", canonical.keySet());
		String canonicalHeaders = canonical.entrySet()
			.stream()
			.map((header) -> header.getKey() + ":" + header.getValue() + "\n")
			.collect(Collectors.joining());
		String canonicalRequest = method + "\n" + path(uri) + "\n" + query(uri) + "\n" + canonicalHeaders + "\n"
				+ signedHeaders + "\n" + hex(sha256(body));
		String date = amzDate.substring(0, 8);
		String scope = date + "/" + this.region + "/" + this.service + "/aws4_request";
		String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
				+ hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] key = signingKey(credentials.getSecretAccessKey(), date, this.region, this.service);
		String signature = hex(hmac(key, stringToSign));
		signed.put("Authorization", ALGORITHM + " Credential=" + credentials.getAccessKeyId() + "/" + scope
				+ ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
		return signed;
	}

	static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
		byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
		key = hmac(key, region);
		key = hmac(key, service);
		return hmac(key, "aws4_request");
	}

	static String host(URI uri) {
		String host = uri.getHost();
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (port == 443 && "https".equals(uri.getScheme()))
				|| (port == 80 && "http".equals(uri.getScheme()));
		return defaultPort ? host : host + ":" + port;
	}

	private static String path(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	private static String query(URI uri) {
		String query = uri.getRawQuery();
		if (query == null || query.isEmpty()) {
			return "";
		}
		List<String> parameters = new ArrayList<>(List.of(query.split("&")));
		parameters.replaceAll((parameter) -> parameter.contains("=") ? parameter : parameter + "=");
		parameters.sort(null);
		return String.join("&", parameters);
	}

	private static String normalize(String value) {
		return value.strip().replaceAll(" +", " ");
	}

	static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public String toString() {
		return "AwsSigV4Signer[region=" + this.region + ", service=" + this.service + "]";
	}

}
