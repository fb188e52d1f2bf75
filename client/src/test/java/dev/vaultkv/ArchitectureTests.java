package dev.vaultkv;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Architecture rules of the client module: its packages stay free of Spring Boot (which is not on its
 * compile class path either), and the client package depends on none of the packages built on it.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.vaultkv");

	@Test
	void corePackagesDoNotDependOnSpringBoot() {
		noClasses().that()
			.resideInAnyPackage("dev.vaultkv.client..", "dev.vaultkv.auth..", "dev.vaultkv.kv..", "dev.vaultkv.sys..",
					"dev.vaultkv.lease..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..")
			.because("the client, auth, kv and sys packages must be usable without Spring Boot")
			.check(CLASSES);
	}

	@Test
	void clientDoesNotDependOnPackagesBuiltOnIt() {
		noClasses().that()
			.resideInAPackage("dev.vaultkv.client..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.vaultkv.auth..", "dev.vaultkv.kv..", "dev.vaultkv.sys..")
			.because("auth, kv and sys are built on the client, not the other way round")
			.check(CLASSES);
	}

}
