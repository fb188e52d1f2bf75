package dev.vaultkv.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Coverage-guided fuzzing (Jazzer) of the secret reference parser behind {@code @Secret} and
 * {@code ${vault:...}}, with the checks of {@link SecretReferenceFuzzTests}: every input parses into
 * a reference that prints back to an equal one, or fails with a clear
 * {@link dev.vaultkv.secret.InvalidSecretReferenceException}. In {@code ./mvnw verify} it fuzzes for
 * a bounded time (the build's {@code coverage-guided-fuzzing} execution sets {@code JAZZER_FUZZ});
 * run on its own, it replays its seeds only.
 */
class SecretReferenceCoverageFuzzTests {

	@FuzzTest(maxDuration = "20s")
	void referencesParseConsistentlyOrFailWithAClearError(@NotNull String reference) {
		SecretReferenceFuzzTests.check(reference);
	}

}
