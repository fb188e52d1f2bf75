package dev.vaultkv.embedded.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class SpiTests {

	@Test
	void toStringNeverShowsTokensOrData() {
		TokenEntry token = new TokenEntry("hvs.secret-token", "acc", "", List.of("default"), "auth/token/create",
				Map.of(), "token", Instant.EPOCH, null, 0, 0, 0, true, 0, false, "hvs.parent-token", "service", "");
		ObjectNode data = JsonNodeFactory.instance.objectNode().put("password", "s3cr3t");
		ApiRequest request = new ApiRequest("POST", "secret/data/x", "secret/", "data/x", "", data,
				Map.of("x-vault-token", List.of("hvs.secret-token")), token, List.of(), Instant.EPOCH);
		IssuedToken issued = new IssuedToken("hvs.secret-token", "acc", List.of("default"), Map.of(), 60, true,
				"service", false, "", List.of());
		assertThat(token.toString()).doesNotContain("secret-token").doesNotContain("parent-token");
		assertThat(request.toString()).doesNotContain("secret-token").doesNotContain("s3cr3t");
		assertThat(issued.toString()).doesNotContain("secret-token");
	}

	@Test
	void responseCopiesCarryWarningsLeaseAndWrappedAccessor() {
		ApiResponse response = ApiResponse.ok(null).withWarning("w1").withLease(60, false).withWrappedAccessor("a1");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getWarnings()).containsExactly("w1");
		assertThat(response.getLeaseDurationSeconds()).isEqualTo(60);
		assertThat(response.getWrappedAccessor()).isEqualTo("a1");
		assertThat(ApiResponse.notFound().getErrors()).isEmpty();
		assertThat(ApiResponse.error(400, "bad").isError()).isTrue();
	}

	@Test
	void requestHelpersReadDataAndHeaders() {
		ObjectNode data = JsonNodeFactory.instance.objectNode().put("n", 3).put("s", "x");
		ApiRequest request = new ApiRequest("LIST", "a/", "a/", "", "", data, Map.of("x-custom", List.of("v")), null,
				List.of(), Instant.EPOCH);
		assertThat(request.string("n")).isEqualTo("3");
		assertThat(request.string("missing")).isNull();
		assertThat(request.header("X-Custom")).isEqualTo("v");
		assertThat(request.isList()).isTrue();
	}

}
