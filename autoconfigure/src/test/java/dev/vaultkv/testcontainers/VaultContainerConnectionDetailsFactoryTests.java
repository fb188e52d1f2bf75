package dev.vaultkv.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class VaultContainerConnectionDetailsFactoryTests {

	@Test
	void isRegistered() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class))
			.anySatisfy((factory) -> assertThat(factory).isInstanceOf(VaultContainerConnectionDetailsFactory.class));
	}

}
