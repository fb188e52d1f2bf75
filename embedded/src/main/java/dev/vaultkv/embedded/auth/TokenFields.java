package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.vaultkv.embedded.spi.TokenSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The token settings every auth method role (or user, or certificate) carries, parsed and validated like
 * Vault's {@code tokenutil}: {@code token_ttl}, {@code token_max_ttl}, {@code token_policies} (legacy
 * {@code policies}), {@code token_period} (legacy {@code period}), {@code token_num_uses}, {@code token_type},
 * {@code token_no_default_policy}, {@code token_explicit_max_ttl}, {@code token_bound_cidrs}. Mutable; guarded
 * by the owning backend.
 *
 * @author vaultkv
 */
final class TokenFields {

	private static final List<String> TOKEN_TYPES = List.of("default", "service", "batch", "default-service",
			"default-batch");

	List<String> policies = List.of();

	Duration ttl = Duration.ZERO;

	Duration maxTtl = Duration.ZERO;

	Duration explicitMaxTtl = Duration.ZERO;

	Duration period = Duration.ZERO;

	boolean noDefaultPolicy;

	int numUses;

	String type = "default";

	List<String> boundCidrs = List.of();

	TokenFields copy() {
		TokenFields copy = new TokenFields();
		copy.policies = this.policies;
		copy.ttl = this.ttl;
		copy.maxTtl = this.maxTtl;
		copy.explicitMaxTtl = this.explicitMaxTtl;
		copy.period = this.period;
		copy.noDefaultPolicy = this.noDefaultPolicy;
		copy.numUses = this.numUses;
		copy.type = this.type;
		copy.boundCidrs = this.boundCidrs;
		return copy;
	}

	/**
	 * Apply the token parameters present in the request.
	 * @param params the request parameters
	 * @throws AuthRequestException (400) for an invalid combination
	 */
	void parse(Params params) {
		List<String> newPolicies = firstList(params, "token_policies", "policies");
		if (newPolicies != null) {
			this.policies = newPolicies.stream().map((p) -> p.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
		}
		Duration value = firstDuration(params, "token_ttl", "ttl");
		if (value != null) {
			this.ttl = value;
		}
		value = firstDuration(params, "token_max_ttl", "max_ttl");
		if (value != null) {
			this.maxTtl = value;
		}
		value = params.duration("token_explicit_max_ttl");
		if (value != null) {
			this.explicitMaxTtl = value;
		}
		value = firstDuration(params, "token_period", "period");
		if (value != null) {
			this.period = value;
		}
		Boolean noDefault = params.bool("token_no_default_policy");
		if (noDefault != null) {
			this.noDefaultPolicy = noDefault;
		}
		Integer uses = params.has("token_num_uses") ? params.integer("token_num_uses") : params.integer("num_uses");
		if (uses != null) {
			this.numUses = uses;
		}
		String tokenType = params.string("token_type");
		if (tokenType != null) {
			String normalized = tokenType.isEmpty() ? "default" : tokenType.toLowerCase(Locale.ROOT);
			if (!TOKEN_TYPES.contains(normalized)) {
				throw AuthRequestException.badRequest("invalid 'token_type' value \"" + tokenType + "\"");
			}
			this.type = normalized;
		}
		List<String> cidrs = firstList(params, "token_bound_cidrs", "bound_cidrs");
		if (cidrs != null) {
			this.boundCidrs = cidrs;
		}
		validate();
	}

	private void validate() {
		if (this.maxTtl.isNegative()) {
			throw AuthRequestException.badRequest("'token_max_ttl' cannot be negative");
		}
		if (this.period.isNegative()) {
			throw AuthRequestException.badRequest("'token_period' cannot be negative");
		}
		if (this.numUses < 0) {
			throw AuthRequestException.badRequest("'token_num_uses' cannot be negative");
		}
		if (isBatch() && !this.period.isZero()) {
			throw AuthRequestException.badRequest(
					"'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens");
		}
		if (isBatch() && this.numUses != 0) {
			throw AuthRequestException.badRequest(
					"'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count");
		}
		if (this.ttl.isNegative()) {
			throw AuthRequestException.badRequest("'token_ttl' cannot be negative");
		}
		if (!this.maxTtl.isZero() && this.ttl.compareTo(this.maxTtl) > 0) {
			throw AuthRequestException.badRequest("'token_ttl' cannot be greater than 'token_max_ttl'");
		}
	}

	private static @Nullable List<String> firstList(Params params, String name, String legacyName) {
		List<String> value = params.stringList(name);
		return (value != null) ? value : params.stringList(legacyName);
	}

	private static @Nullable Duration firstDuration(Params params, String name, String legacyName) {
		Duration value = params.duration(name);
		return (value != null) ? value : params.duration(legacyName);
	}

	boolean isBatch() {
		return this.type.equals("batch") || this.type.equals("default-batch");
	}

	/**
	 * Write the token fields to a read response, as Vault does (durations in seconds).
	 */
	void populate(ObjectNode data) {
		data.set("token_bound_cidrs", Json.array(this.boundCidrs));
		data.put("token_explicit_max_ttl", this.explicitMaxTtl.toSeconds());
		data.put("token_max_ttl", this.maxTtl.toSeconds());
		data.put("token_no_default_policy", this.noDefaultPolicy);
		data.put("token_period", this.period.toSeconds());
		data.set("token_policies", Json.array(this.policies));
		data.put("token_type", this.type);
		data.put("token_ttl", this.ttl.toSeconds());
		data.put("token_num_uses", this.numUses);
	}

	/**
	 * The specification of a login token with these settings.
	 * @param namespace the namespace of the auth mount
	 * @param metadata the token metadata
	 * @param path the login path
	 * @param displayName the display name
	 * @return the specification
	 */
	TokenSpec toSpec(String namespace, Map<String, String> metadata, String path, String displayName) {
		return new TokenSpec(namespace, this.policies, positive(this.ttl), positive(this.maxTtl),
				positive(this.explicitMaxTtl), positive(this.period), true, true, this.noDefaultPolicy,
				Map.copyOf(metadata), path, displayName, this.numUses, isBatch() ? "batch" : "service");
	}

	private static @Nullable Duration positive(Duration duration) {
		return (duration.isZero() || duration.isNegative()) ? null : duration;
	}

}
