package dev.vaultkv.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class VaultContainerConnectionDetailsFactoryTests {

	@Test
	void isRegistered() {
		// Other modules on the class path (Micrometer metrics) register factories for absent optional libraries;
		// Spring Boot skips those, and so does this test.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			})))
			.anySatisfy((factory) -> assertThat(factory).isInstanceOf(VaultContainerConnectionDetailsFactory.class))
			.anySatisfy((factory) -> assertThat(factory).isInstanceOf(OpenBaoContainerConnectionDetailsFactory.class));
	}

}
