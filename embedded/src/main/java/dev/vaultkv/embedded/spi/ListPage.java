package dev.vaultkv.embedded.spi;

import java.util.Collection;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a paginated LIST, as OpenBao's storage {@code ListPage} gives it to the engines that page
 * (KV v2 metadata, userpass users, approle, JWT, Kubernetes and cert roles, database roles): the keys
 * strictly after {@code after} in sorted order, at most {@code limit} of them; a {@code limit} of zero or
 * less means all. Vault has no pagination and ignores both parameters.
 *
 * @param after the key to list after ({@code ""} for the start; it need not exist)
 * @param limit the most keys to return, {@code 0} or less for all
 * @author vaultkv
 * @since 0.1.0
 */
public record ListPage(String after, long limit) {

	/**
	 * The page holding every key.
	 */
	public static final ListPage ALL = new ListPage("", 0);

	/**
	 * Read {@code after} and {@code limit} from a request's data (query parameters included).
	 * @param data the request data
	 * @return the page asked for ({@link #ALL} when neither is given)
	 * @throws IllegalArgumentException with OpenBao's {@code Field validation failed: ...} message when
	 * {@code limit} is not an integer or {@code after} not a string
	 * @since 0.1.0
	 */
	public static ListPage from(ObjectNode data) {
		JsonNode after = data.get("after");
		JsonNode limit = data.get("limit");
		if (after != null && after.isContainer()) {
			throw invalid("after", "'' expected type 'string', got unconvertible type '"
					+ (after.isObject() ? "map[string]interface {}" : "[]interface {}") + "'");
		}
		return new ListPage((after != null && !after.isNull()) ? after.asString() : "",
				(limit != null) ? parseLimit(limit) : 0);
	}

	/**
	 * OpenBao decodes {@code TypeInt} fields with go-viper/mapstructure v2, weakly typed: a string as Go's
	 * {@code strconv.ParseInt(s, 0, 64)} (base prefixes, underscores, "" as 0; the error does not repeat the
	 * value), a JSON number as {@code json.Number.Int64} (whose error does), a boolean as 1 or 0.
	 */
	private static long parseLimit(JsonNode limit) {
		if (limit.isNull()) {
			return 0;
		}
		if (limit.isBoolean()) {
			return limit.booleanValue() ? 1 : 0;
		}
		if (limit.isNumber()) {
			if (limit.isIntegralNumber() && limit.canConvertToLong()) {
				return limit.longValue();
			}
			String reason = (limit.isIntegralNumber()) ? "value out of range" : "invalid syntax";
			throw invalid("limit", "'' cannot parse value as 'int': strconv.ParseInt: parsing \"" + limit
					+ "\": " + reason);
		}
		if (limit.isContainer()) {
			throw invalid("limit", "'' expected type 'int', got unconvertible type '"
					+ (limit.isObject() ? "map[string]interface {}" : "[]interface {}") + "'");
		}
		String text = limit.asString();
		return GoInts.parseBaseZero(text.isEmpty() ? "0" : text, (reason) -> invalid("limit",
				"'' cannot parse value as 'int': strconv.ParseInt: " + reason));
	}

	private static IllegalArgumentException invalid(String field, String reason) {
		// OpenBao's FieldData.Validate names the field, not the value
		return new IllegalArgumentException(
				"Field validation failed: error converting input for field \"" + field + "\": " + reason);
	}

	/**
	 * Return this page of some keys, sorted first.
	 * @param keys the keys (folders end with {@code /}, which takes part in the comparison)
	 * @return the keys after {@link #after()}, at most {@link #limit()} of them
	 * @since 0.1.0
	 */
	public List<String> select(Collection<String> keys) {
		return keys.stream()
			.sorted()
			.filter((key) -> this.after.isEmpty() || key.compareTo(this.after) > 0)
			.limit((this.limit > 0) ? this.limit : Long.MAX_VALUE)
			.toList();
	}

	/**
	 * Return the page a request asks for when the mount paginates, else {@link #ALL}.
	 * @param context the mount
	 * @param data the request data
	 * @return the page
	 * @throws IllegalArgumentException when the mount paginates and a parameter is invalid
	 * @since 0.1.0
	 */
	public static ListPage requested(MountContext context, ObjectNode data) {
		return context.paginatesLists() ? from(data) : ALL;
	}

}
