package dev.vaultkv.embedded.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP layer writes back.
 *
 * @param status the status code
 * @param body the JSON body, or {@code null} for none
 * @param headers extra headers
 * @author vaultkv
 * @since 0.1.0
 */
public record HttpResult(int status, byte @Nullable [] body, Map<String, String> headers) {

	/**
	 * A JSON result.
	 * @param status the status
	 * @param body the body
	 * @return the result
	 * @since 0.1.0
	 */
	public static HttpResult json(int status, JsonNode body) {
		return new HttpResult(status, Json.MAPPER.writeValueAsBytes(body), Map.of());
	}

	/**
	 * An error result {@code {"errors":[...]}}.
	 * @param status the status
	 * @param errors the errors
	 * @return the result
	 * @since 0.1.0
	 */
	public static HttpResult errors(int status, String... errors) {
		return errors(status, List.of(errors));
	}

	/**
	 * An error result {@code {"errors":[...]}}.
	 * @param status the status
	 * @param errors the errors
	 * @return the result
	 * @since 0.1.0
	 */
	public static HttpResult errors(int status, List<String> errors) {
		StringBuilder builder = new StringBuilder("{\"errors\":");
		builder.append(Json.MAPPER.writeValueAsString(errors)).append("}\n");
		return new HttpResult(status, builder.toString().getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/**
	 * A result without a body.
	 * @param status the status
	 * @return the result
	 * @since 0.1.0
	 */
	public static HttpResult empty(int status) {
		return new HttpResult(status, null, Map.of());
	}

	/**
	 * Format errors like Go's multierror.
	 * @param errors the errors
	 * @return the text
	 * @since 0.1.0
	 */
	public static String multierror(String... errors) {
		StringBuilder builder = new StringBuilder();
		builder.append(errors.length).append((errors.length == 1) ? " error occurred:\n\t" : " errors occurred:\n\t");
		for (int i = 0; i < errors.length; i++) {
			if (i > 0) {
				builder.append("\n\t");
			}
			builder.append("* ").append(errors[i]);
		}
		return builder.append("\n\n").toString();
	}

	@Override
	public String toString() {
		// the body may hold secrets
		return "HttpResult[status=" + this.status + "]";
	}
}
