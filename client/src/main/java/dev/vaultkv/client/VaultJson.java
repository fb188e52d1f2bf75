package dev.vaultkv.client;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link JsonMapper} used for Vault's envelopes: fails on trailing garbage (a truncated or
 * concatenated body), and bounds nesting so that a hostile answer cannot exhaust the stack.
 *
 * @since 0.1.0
 */
final class VaultJson {

	private static final int MAX_NESTING_DEPTH = 500;

	private VaultJson() {
	}

	static JsonMapper createMapper() {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
			.build();
		return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
	}

}
