package dev.vaultkv.operations;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vaultkv.autoconfigure.VaultAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultOperationsAutoConfiguration;
import dev.vaultkv.autoconfigure.VaultSecretAutoConfiguration;
import dev.vaultkv.embedded.EmbeddedVault;
import dev.vaultkv.embedded.EmbeddedVaultServer;
import dev.vaultkv.kv.KeyMetadata;
import dev.vaultkv.kv.KvVersion;
import dev.vaultkv.kv.MetadataUpdate;
import dev.vaultkv.kv.VersionConflictException;
import dev.vaultkv.kv.VersionMetadata;
import dev.vaultkv.kv.VersionedSecret;
import dev.vaultkv.secret.SecretConversionException;
import dev.vaultkv.secret.SecretStore;
import dev.vaultkv.sys.MountRequest;
import dev.vaultkv.sys.SysOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@EmbeddedVault(resetBetweenTests = true)
class VaultKvTemplateIntegrationTests {

	private final EmbeddedVaultServer server;

	private ConfigurableApplicationContext context;

	private VaultKvOperations operations;

	VaultKvTemplateIntegrationTests(EmbeddedVaultServer server) {
		this.server = server;
	}

	@BeforeEach
	void startApplication() {
		this.server.putSecret("secret/app/db", Map.of("username", "app", "password", "s3cr3t", "port", 5432));
		this.context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("vault.uri=" + this.server.getAddress(), "vault.token=" + this.server.getRootToken(),
					"spring.main.banner-mode=off")
			.run();
		this.operations = this.context.getBean(VaultKvOperations.class);
		this.server.requestLog().clear();
	}

	@AfterEach
	void closeApplication() {
		this.context.close();
	}

	@Test
	void isAutoConfiguredOnTheDefaultMount() {
		assertThat(this.operations).isInstanceOf(VaultKvTemplate.class);
		assertThat(this.operations.getMount()).isEqualTo("secret");
	}

	@Test
	void readsGoThroughTheSharedStore() {
		VersionedSecret first = this.operations.read("app/db");
		VersionedSecret second = this.operations.read("app/db");
		assertThat(first).isNotNull();
		assertThat(first.data().getString("password")).isEqualTo("s3cr3t");
		assertThat(second).isSameAs(first);
		assertThat(this.server.requestLog().count("GET", "secret/data/app/db")).isEqualTo(1);
		assertThat(this.context.getBean(SecretStore.class).getCachedLocations())
			.anySatisfy((location) -> assertThat(location.path()).isEqualTo("app/db"));
	}

	@Test
	void writeThenReadSeesTheNewValue() {
		assertThat(this.operations.readString("app/db", "password")).isEqualTo("s3cr3t");
		VersionMetadata written = this.operations.write("app/db", Map.of("password", "n3w"));
		assertThat(written).isNotNull();
		assertThat(written.version()).isEqualTo(2);
		assertThat(this.operations.readString("app/db", "password")).isEqualTo("n3w");
		this.operations.patch("app/db", Map.of("username", "other"));
		VersionedSecret patched = this.operations.read("app/db");
		assertThat(patched.version()).isEqualTo(3);
		assertThat(patched.data().asMap()).containsEntry("username", "other").containsEntry("password", "n3w");
	}

	@Test
	void checkAndSetConflictsCarryTheCurrentVersion() {
		this.operations.read("app/db");
		assertThat(this.operations.write("app/db", Map.of("password", "a"), 1).version()).isEqualTo(2);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.operations.write("app/db", Map.of("password", "b"), 1))
			.satisfies((ex) -> assertThat(ex.getCurrentVersion()).isEqualTo(2));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.operations.write("app/db", Map.of("password", "c"), 0));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.operations.patch("app/db", Map.of("password", "d"), 1));
		assertThat(this.operations.patch("app/db", Map.of("password", "e"), 2).version()).isEqualTo(3);
		assertThat(this.operations.write("app/new", Map.of("k", "v"), 0).version()).isEqualTo(1);
		assertThat(this.operations.readString("app/db", "password")).isEqualTo("e");
	}

	@Test
	void typedReads() {
		Db db = this.operations.read("app/db", Db.class);
		assertThat(db).isEqualTo(new Db("app", "s3cr3t", 5432));
		assertThat(this.operations.subkeys("app/db").keys()).containsExactlyInAnyOrder("username", "password", "port");
		assertThat(this.operations.subkeys("app/absent")).isNull();
		assertThat(this.operations.read("app/absent", Db.class)).isNull();
		this.operations.write("app/bad", Map.of("port", "not-a-number"));
		assertThatExceptionOfType(SecretConversionException.class)
			.isThrownBy(() -> this.operations.read("app/bad", Db.class))
			.withMessageContaining(Db.class.getName())
			.withMessageNotContaining("not-a-number");
	}

	@Test
	void versionsDeleteUndeleteDestroy() {
		this.operations.write("app/db", Map.of("password", "v2"));
		assertThat(this.operations.read("app/db", 1).data().getString("password")).isEqualTo("s3cr3t");
		this.operations.delete("app/db");
		assertThat(this.operations.read("app/db")).isNull();
		this.operations.undelete("app/db", 2);
		assertThat(this.operations.readString("app/db", "password")).isEqualTo("v2");
		this.operations.delete("app/db", 1);
		assertThat(this.operations.read("app/db", 1)).isNull();
		this.operations.destroy("app/db", 2);
		assertThat(this.operations.read("app/db")).isNull();
		KeyMetadata metadata = this.operations.readMetadata("app/db");
		assertThat(metadata.versions().get(2L).destroyed()).isTrue();
		this.operations.deleteMetadata("app/db");
		assertThat(this.operations.readMetadata("app/db")).isNull();
		assertThat(this.operations.read("app/db")).isNull();
	}

	@Test
	void listAndMetadata() {
		this.operations.write("app/api", Map.of("value", "k"));
		assertThat(this.operations.list("app")).containsExactlyInAnyOrder("api", "db");
		assertThat(this.operations.list("")).containsExactly("app/");
		assertThat(this.operations.list("absent")).isEmpty();
		this.operations.writeMetadata("app/db", MetadataUpdate.empty().withMaxVersions(3));
		this.operations.describe("app/db", "Database login of the app");
		this.operations.patchMetadata("app/db", MetadataUpdate.empty().withCustomMetadata(Map.of("owner", "team")));
		KeyMetadata metadata = this.operations.readMetadata("app/db");
		assertThat(metadata.maxVersions()).isEqualTo(3);
		assertThat(metadata.customMetadata()).containsEntry("owner", "team");
		assertThat(this.operations.getDescription("app/db")).isEqualTo("Database login of the app");
		assertThat(this.operations.getDescription("app/absent")).isNull();
	}

	@Test
	void perCallMountOverride() {
		this.context.getBean(SysOperations.class).enableMount("other", MountRequest.kv(KvVersion.V2));
		VaultKvOperations other = this.operations.kv("other");
		assertThat(other.getMount()).isEqualTo("other");
		other.write("app/db", Map.of("password", "elsewhere"));
		assertThat(other.readString("app/db", "password")).isEqualTo("elsewhere");
		assertThat(this.operations.readString("app/db", "password")).isEqualTo("s3cr3t");
		this.context.getBean(SysOperations.class).enableMount("legacy", MountRequest.kv(KvVersion.V1));
		VaultKvOperations legacy = this.operations.kv("/legacy/");
		assertThat(legacy.write("app/db", Map.of("password", "v1"))).isNull();
		assertThat(legacy.readString("app/db", "password")).isEqualTo("v1");
		legacy.write("app/db", Map.of("password", "v1-new"));
		assertThat(legacy.readString("app/db", "password")).isEqualTo("v1-new");
	}

	@Test
	void rejectsDotSegments() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.operations.read("app/../db"))
			.withMessageContaining("'..'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.operations.write("./db", Map.of("k", "v")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.operations.read("app//db"));
	}

	@Test
	void listOfAbsentMountFolderIsEmpty() {
		assertThat(this.operations.list("nothing/here")).isEqualTo(List.of());
	}

	record Db(String username, String password, int port) {

	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ VaultAutoConfiguration.class, VaultSecretAutoConfiguration.class,
			VaultOperationsAutoConfiguration.class })
	static class TestApplication {

	}

}
