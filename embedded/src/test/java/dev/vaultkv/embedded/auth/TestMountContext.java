package dev.vaultkv.embedded.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.IssuedToken;
import dev.vaultkv.embedded.spi.MountContext;
import dev.vaultkv.embedded.spi.TokenIssuer;
import dev.vaultkv.embedded.spi.TokenSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A mount context for backend-level tests: a settable clock and a token issuer that records specs.
 */
class TestMountContext implements MountContext, TokenIssuer {

	final List<TokenSpec> issued = new ArrayList<>();

	private final String path;

	private final String type;

	Instant now = Instant.parse("2026-01-01T00:00:00Z");

	TestMountContext(String path, String type) {
		this.path = path;
		this.type = type;
	}

	void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public String type() {
		return this.type;
	}

	@Override
	public Map<String, String> options() {
		return Map.of();
	}

	@Override
	public String namespace() {
		return "";
	}

	@Override
	public Clock clock() {
		return Clock.fixed(this.now, ZoneOffset.UTC);
	}

	@Override
	public TokenIssuer tokens() {
		return this;
	}

	@Override
	public long defaultLeaseTtlSeconds() {
		return 2764800;
	}

	@Override
	public long maxLeaseTtlSeconds() {
		return 2764800;
	}

	@Override
	public IssuedToken issue(TokenSpec spec) {
		this.issued.add(spec);
		long ttl = (spec.ttl() != null) ? spec.ttl().toSeconds() : defaultLeaseTtlSeconds();
		return new IssuedToken("hvs.test" + this.issued.size(), "accessor" + this.issued.size(), spec.policies(),
				spec.metadata(), ttl, spec.renewable(), spec.tokenType(), spec.orphan(), "entity", List.of());
	}

	TokenSpec lastIssued() {
		return this.issued.get(this.issued.size() - 1);
	}

	ApiRequest request(String method, String subPath, @Nullable ObjectNode data) {
		return new ApiRequest(method, this.path + subPath, this.path, subPath, "",
				Objects.requireNonNullElseGet(data, Json::object), Map.of(), null, List.of(), this.now);
	}

	static ObjectNode json(String json) {
		return (ObjectNode) Json.MAPPER.readTree(json);
	}

}
