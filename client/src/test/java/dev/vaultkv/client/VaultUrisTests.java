package dev.vaultkv.client;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VaultUris}.
 */
class VaultUrisTests {

	private final VaultUris uris = new VaultUris(URI.create("https://vault.example.com:8200/"));

	@Test
	void encodesOnlyTheSegmentsThatNeedIt() {
		assertThat(this.uris.create(VaultRequest.get("secret/data/my app/ünï").build()))
			.hasToString("https://vault.example.com:8200/v1/secret/data/my%20app/%C3%BCn%C3%AF");
		assertThat(this.uris.create(VaultRequest.get("secret/data/a-b_c.d~e/k=v;x@y:z+w").build()))
			.hasToString("https://vault.example.com:8200/v1/secret/data/a-b_c.d~e/k=v;x@y:z+w");
		assertThat(this.uris.create(VaultRequest.get("secret/data/a[1]/\"q\"").build()))
			.hasToString("https://vault.example.com:8200/v1/secret/data/a%5B1%5D/%22q%22");
	}

	@Test
	void keepsTheUrisOfPlainPathsOnly() {
		URI first = this.uris.create(VaultRequest.get("secret/data/app").build());
		assertThat(this.uris.create(VaultRequest.get("secret/data/app").build())).isSameAs(first);
		assertThat(this.uris.create(VaultRequest.get("secret/data/app").query("version", 2).build()))
			.hasToString("https://vault.example.com:8200/v1/secret/data/app?version=2");
		assertThat(this.uris.create(VaultRequest.list("secret/metadata/app").build()))
			.hasToString("https://vault.example.com:8200/v1/secret/metadata/app/?list=true");
		assertThat(this.uris.create(VaultRequest.get("secret/data/app").build())).isSameAs(first);
	}

	@Test
	void forgetsKeptUrisWhenTooManyPathsWereUsed() {
		URI first = this.uris.create(VaultRequest.get("secret/data/app").build());
		for (int i = 0; i < 300; i++) {
			assertThat(this.uris.create(VaultRequest.get("secret/data/app" + i).build()))
				.hasToString("https://vault.example.com:8200/v1/secret/data/app" + i);
		}
		URI again = this.uris.create(VaultRequest.get("secret/data/app").build());
		assertThat(again).isEqualTo(first).isNotSameAs(first);
	}

}
