package dev.vaultkv.firstapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.operations.VaultKvOperations;
import dev.vaultkv.secret.Secret;

/**
 * The README's first application: a secret three ways.
 */
@Service
class OrdersDatabase {

	private final VaultKvOperations vault;

	private final String password;

	@Secret("orders/db:username")
	private String username;

	OrdersDatabase(VaultKvOperations vault, @Value("${vault:orders/db:password}") String password) {
		this.vault = vault;
		this.password = password;
	}

	String username() {
		return this.username;
	}

	int passwordLength() {
		return this.password.length();
	}

	String describe() {
		VersionedSecret secret = this.vault.read("orders/db"); // null when there is no such secret
		return "orders/db version " + secret.version() + " has keys " + secret.data().keys()
				+ ", pool size " + secret.data().getString("pool-size");
	}

}
