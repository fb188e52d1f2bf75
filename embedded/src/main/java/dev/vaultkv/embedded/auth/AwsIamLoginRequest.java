package dev.vaultkv.embedded.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code sts:GetCallerIdentity} request an IAM login forwards ({@code iam_http_request_method}, and the
 * base64 {@code iam_request_url}, {@code iam_request_body} and {@code iam_request_headers}), read and checked
 * as Vault's aws auth method does before it sends the request on to STS.
 *
 * @param method the HTTP method
 * @param url the URL the client signed
 * @param body the body
 * @param headers the headers, as given
 * @author vaultkv
 */
record AwsIamLoginRequest(String method, URI url, String body, Map<String, List<String>> headers) {

	static final String SERVER_ID_HEADER = "X-Vault-AWS-IAM-Server-ID";

	private static final Pattern SIGNED_HEADERS = Pattern.compile(".*SignedHeaders=([^,]+)");

	/**
	 * Read the forwarded request from the login parameters.
	 * @throws AuthRequestException (400) with Vault's message for a missing or undecodable field
	 */
	static AwsIamLoginRequest of(Params params) {
		String method = params.string("iam_http_request_method", "");
		if (method.isEmpty()) {
			throw AuthRequestException.badRequest("missing iam_http_request_method");
		}
		if (!method.equals("POST")) {
			throw AuthRequestException
				.badRequest("invalid iam_http_request_method; currently only 'POST' is supported");
		}
		URI url;
		try {
			url = URI.create(decode(params.string("iam_request_url", ""), "iam_request_url").trim());
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException.badRequest("error parsing iam_request_url");
		}
		if (url.getHost() == null) {
			throw AuthRequestException.badRequest("error parsing iam_request_url");
		}
		String body = decode(params.string("iam_request_body", ""), "iam_request_body");
		Map<String, List<String>> headers = headers(params);
		if (headers.isEmpty()) {
			throw AuthRequestException.badRequest("missing iam_request_headers");
		}
		return new AwsIamLoginRequest(method, url, body, headers);
	}

	private static String decode(String base64, String field) {
		if (base64.isEmpty()) {
			throw AuthRequestException.badRequest("missing " + field);
		}
		try {
			return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException.badRequest("failed to base64 decode " + field);
		}
	}

	/**
	 * The {@code iam_request_headers} field, as Vault's header type reads it: a JSON object of strings or
	 * string lists, given as an object, as JSON text, or as base64 of JSON text.
	 */
	private static Map<String, List<String>> headers(Params params) {
		JsonNode node = params.node("iam_request_headers");
		if (node != null && node.isString()) {
			String text = node.stringValue().trim();
			if (!text.startsWith("{")) {
				try {
					text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw invalidHeaders();
				}
			}
			try {
				node = Json.MAPPER.readTree(text);
			}
			catch (JacksonException ex) {
				throw invalidHeaders();
			}
		}
		if (node == null || !node.isObject()) {
			throw invalidHeaders();
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			List<String> values = new ArrayList<>();
			if (entry.getValue().isArray()) {
				entry.getValue().forEach((value) -> values.add(value.asString()));
			}
			else if (entry.getValue().isValueNode()) {
				values.add(entry.getValue().asString());
			}
			else {
				throw invalidHeaders();
			}
			headers.put(entry.getKey(), values);
		}
		return headers;
	}

	private static AuthRequestException invalidHeaders() {
		return AuthRequestException.badRequest(
				"Field validation failed: error converting input for field \"iam_request_headers\": "
						+ "expected a JSON object of headers, or its base64 encoding");
	}

	/**
	 * Why the {@code X-Vault-AWS-IAM-Server-ID} header fails Vault's check, or {@code null} when it passes.
	 * @param required the configured {@code iam_server_id_header_value}
	 * @return the problem or {@code null}
	 */
	@Nullable String serverIdProblem(String required) {
		String provided = headerValue(this.headers, SERVER_ID_HEADER);
		if (provided == null || provided.isEmpty()) {
			return "missing header \"" + SERVER_ID_HEADER + "\"";
		}
		if (!provided.equals(required)) {
			return "expected \"" + required + "\" but got \"" + provided + "\"";
		}
		String authorization = headerValue(this.headers, "Authorization");
		if (authorization == null) {
			return "missing Authorization header";
		}
		Matcher matcher = SIGNED_HEADERS.matcher(authorization);
		if (!matcher.find()) {
			return "vault header wasn't signed";
		}
		boolean signed = List.of(matcher.group(1).split(";")).contains(SERVER_ID_HEADER.toLowerCase(Locale.ROOT));
		return signed ? null : "vault header wasn't signed";
	}

	private static @Nullable String headerValue(Map<String, List<String>> headers, String name) {
		for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return String.join(",", entry.getValue());
			}
		}
		return null;
	}

	@Override
	public String toString() {
		// the headers carry the signature and, for temporary credentials, the session token
		return "AwsIamLoginRequest[method=" + this.method + ", url=" + this.url + "]";
	}

}
