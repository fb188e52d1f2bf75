package dev.vaultkv.client;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.web.client.RestClient;

/**
 * Gives every request of a {@link RestClient} a ready-made URI while its observations still report a
 * URI template. {@code RestClient.uri(template, function)} parses the template twice per request only
 * to record it in a request attribute that its observation reads; that attribute is the same for every
 * request, so it is found once, by comparing the attributes of a request given the template with
 * those of one that was not, and then set next to the URI. When the comparison finds nothing (a
 * {@code RestClient} that records the template differently), every request goes through the template
 * as before.
 *
 * @since 0.1.0
 */
final class ObservedUriTemplate {

	private final String template;

	private final @Nullable String attributeName;

	private final @Nullable Object attributeValue;

	private ObservedUriTemplate(String template, @Nullable String attributeName, @Nullable Object attributeValue) {
		this.template = template;
		this.attributeName = attributeName;
		this.attributeValue = attributeValue;
	}

	/**
	 * Find the attribute through which {@code restClient} reports {@code template}.
	 * @param restClient the client
	 * @param template the URI template
	 * @param sample an absolute URI that the template stands for
	 * @return the URI template of the client's requests
	 */
	static ObservedUriTemplate find(RestClient restClient, String template, URI sample) {
		Map<String, Object> plain = new HashMap<>();
		restClient.method(HttpMethod.GET).uri(sample).attributes(plain::putAll);
		Map<String, Object> templated = new HashMap<>();
		restClient.method(HttpMethod.GET).uri(template, (uriBuilder) -> sample).attributes(templated::putAll);
		templated.entrySet().removeIf((entry) -> Objects.equals(plain.get(entry.getKey()), entry.getValue()));
		if (templated.size() != 1) {
			return new ObservedUriTemplate(template, null, null);
		}
		Map.Entry<String, Object> attribute = templated.entrySet().iterator().next();
		return new ObservedUriTemplate(template, attribute.getKey(), attribute.getValue());
	}

	/**
	 * Set the URI of a request and the template its observation reports.
	 * @param spec the request
	 * @param uri the absolute URI
	 * @return the request
	 */
	RestClient.RequestBodySpec uri(RestClient.RequestBodyUriSpec spec, URI uri) {
		String name = this.attributeName;
		Object value = this.attributeValue;
		if (name == null || value == null) {
			return spec.uri(this.template, (uriBuilder) -> uri);
		}
		return spec.uri(uri).attribute(name, value);
	}

	/**
	 * Return whether requests get the template from a precomputed attribute.
	 * @return {@code false} when every request expands the template
	 */
	boolean isPrecomputed() {
		return this.attributeName != null;
	}

}
