package dev.vaultkv.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class InstanceIdResolverTests {

	@Test
	void podNameComesFirst() {
		InstanceId id = resolver(Map.of("POD_NAME", "orders-5d8f-x2", "HOSTNAME", "other"), "host-1").resolve();
		assertThat(id).isEqualTo(InstanceId.of("orders-5d8f-x2"));
		assertThat(id.random()).isFalse();
	}

	@Test
	void thenHostnameVariable() {
		assertThat(resolver(Map.of("HOSTNAME", "Web-7.Example.com"), "host-1").resolve().value())
			.isEqualTo("web-7.example.com");
	}

	@Test
	void thenTheHostName() {
		assertThat(resolver(Map.of("HOSTNAME", "  "), "build agent#3").resolve().value()).isEqualTo("build-agent-3");
	}

	@Test
	void randomOnlyWhenNothingStableExistsAndSaysSo(CapturedOutput output) {
		InstanceId first = resolver(Map.of(), "localhost").resolve();
		InstanceId second = resolver(Map.of("HOSTNAME", ""), null).resolve();
		assertThat(first.random()).isTrue();
		assertThat(second.random()).isTrue();
		assertThat(first.value()).matches("instance-[0-9a-f]{16}").isNotEqualTo(second.value());
		assertThat(output).contains("WARN").contains("No stable instance id").contains(first.value())
			.contains("vault.scopes.instance-id");
	}

	@Test
	void nameIsAPathSegment() {
		assertThat(resolver(Map.of("POD_NAME", "../etc/passwd"), null).resolve().value()).isEqualTo("-etc-passwd");
	}

	private static InstanceIdResolver resolver(Map<String, String> environment, String hostName) {
		return new InstanceIdResolver(environment::get, () -> hostName);
	}

}
