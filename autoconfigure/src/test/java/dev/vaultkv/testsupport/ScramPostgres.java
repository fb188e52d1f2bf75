package dev.vaultkv.testsupport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.vaultkv.testsupport.ServiceSupport.CommandResult;
import dev.vaultkv.testsupport.SharedService.Unavailable;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL cluster that enforces scram-sha-256 passwords on 127.0.0.1, started once per JVM from the
 * locally installed binaries (the machine's own cluster trusts everyone). Each role gets a database of the same
 * name that it owns.
 */
final class ScramPostgres implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ScramPostgres.class);

	private static final String SUPERUSER = "postgres";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final SharedService<ScramPostgres> shared = new SharedService<>("PostgreSQL (scram-sha-256)",
			ScramPostgres::start);

	private final Installation installation;

	private final Path directory;

	private final String adminPassword;

	private final Process process;

	private final int port;

	private ScramPostgres(Installation installation, Path directory, String adminPassword, Process process, int port) {
		this.installation = installation;
		this.directory = directory;
		this.adminPassword = adminPassword;
		this.process = process;
		this.port = port;
	}

	/** The shared cluster, started on first use; skips the test when PostgreSQL is not installed. */
	static ScramPostgres get() {
		return shared.get();
	}

	int port() {
		return this.port;
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + ServiceSupport.LOOPBACK + ":" + this.port + "/" + database;
	}

	/** The superuser's password. */
	String adminPassword() {
		return this.adminPassword;
	}

	/** A superuser connection to the {@code postgres} database; the caller closes it. */
	Connection adminConnection() throws SQLException {
		return DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, this.adminPassword);
	}

	/** Creates a LOGIN role and a database of the same name that it owns ({@code jdbcUrl(name)}). */
	void createRole(String name, String password) {
		String role = ServiceSupport.checkName(name);
		if (role.startsWith("pg_")) {
			throw new IllegalArgumentException("PostgreSQL reserves role names starting with pg_: '" + role + "'");
		}
		admin((connection, statement) -> {
			statement.execute("CREATE ROLE \"" + role + "\" LOGIN");
			setPassword(connection, role, password);
			statement.execute("CREATE DATABASE \"" + role + "\" OWNER \"" + role + "\"");
		});
	}

	void changePassword(String name, String newPassword) {
		String role = ServiceSupport.checkName(name);
		admin((connection, statement) -> setPassword(connection, role, newPassword));
	}

	/** Terminates the role's sessions and returns once the server no longer lists any. */
	void terminateSessions(String name) {
		String role = ServiceSupport.checkName(name);
		admin((connection, statement) -> {
			try (PreparedStatement terminate = connection.prepareStatement(
					"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
				terminate.setString(1, role);
				terminate.executeQuery().close();
			}
			Awaitility.await("sessions of " + role + " ended")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> sessions(connection, role) == 0);
		});
	}

	/** Terminates the role's sessions, then drops its database and the role. */
	void dropRole(String name) {
		String role = ServiceSupport.checkName(name);
		terminateSessions(role);
		admin((connection, statement) -> {
			statement.execute("DROP DATABASE IF EXISTS \"" + role + "\"");
			statement.execute("DROP ROLE IF EXISTS \"" + role + "\"");
		});
	}

	/** The password is hashed by the driver, so it never reaches the server (or its log) in clear text. */
	private static void setPassword(Connection connection, String role, String password) throws SQLException {
		connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
	}

	private static int sessions(Connection connection, String role) throws SQLException {
		try (PreparedStatement count = connection
			.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
			count.setString(1, role);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	private void admin(AdminWork work) {
		try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
			work.run(connection, statement);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		List<String> stop = this.installation.command("pg_ctl", "stop", "-D", data(this.directory).toString(), "-m",
				"fast", "-w", "-t", "20");
		CommandResult result = ServiceSupport.run(stop, null, Duration.ofSeconds(30));
		if (!result.succeeded()) {
			logger.warn("{}", result.describe(stop));
		}
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				stopForcibly(this.process);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		ServiceSupport.deleteQuietly(this.directory);
	}

	private static void stopForcibly(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static Path data(Path directory) {
		return directory.resolve("data");
	}

	private static ScramPostgres start() throws Exception {
		Installation installation = Installation.find();
		Path directory = Files.createTempDirectory("vaultkv-pg");
		try {
			long started = System.nanoTime();
			String adminPassword = ServiceSupport.randomPassword();
			initialize(installation, directory, adminPassword);
			long initialized = System.nanoTime();
			ScramPostgres postgres = run(installation, directory, adminPassword);
			logger.info("PostgreSQL from {} enforcing scram-sha-256 started on {}:{} in {} ms (initdb {} ms)",
					installation.binaries, ServiceSupport.LOOPBACK, postgres.port,
					(System.nanoTime() - started) / 1_000_000, (initialized - started) / 1_000_000);
			return postgres;
		}
		catch (Exception | Error ex) {
			ServiceSupport.deleteQuietly(directory);
			throw ex;
		}
	}

	private static void initialize(Installation installation, Path directory, String adminPassword)
			throws IOException {
		installation.own(directory);
		Path passwordFile = installation.own(Files.writeString(directory.resolve("pwfile"), adminPassword));
		List<String> initdb = installation.command("initdb", "-D", data(directory).toString(), "-U", SUPERUSER,
				"--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-sync");
		CommandResult result = ServiceSupport.run(initdb, null, COMMAND_TIMEOUT);
		Files.delete(passwordFile);
		if (!result.succeeded()) {
			throw new IllegalStateException(result.describe(initdb));
		}
		installation.own(Files.writeString(data(directory).resolve("pg_hba.conf"),
				"host all all " + ServiceSupport.LOOPBACK + "/32 scram-sha-256\n"));
	}

	private static ScramPostgres run(Installation installation, Path directory, String adminPassword)
			throws IOException {
		Path log = directory.resolve("postgres.log");
		RuntimeException failure = null;
		// The free port may be taken before the server binds it: then retry with another one.
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = ServiceSupport.freePort();
			Process process = new ProcessBuilder(installation.command("postgres", "-D", data(directory).toString(),
					"-p", String.valueOf(port), "-c", "listen_addresses=" + ServiceSupport.LOOPBACK, "-c",
					"unix_socket_directories=" + directory, "-c", "password_encryption=scram-sha-256", "-c",
					"fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
					"shared_buffers=16MB", "-c", "max_connections=100"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			ScramPostgres postgres = new ScramPostgres(installation, directory, adminPassword, process, port);
			try {
				Awaitility.await("PostgreSQL accepting connections on port " + port)
					.atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(20))
					.ignoreExceptionsInstanceOf(SQLException.class)
					.until(() -> {
						if (!process.isAlive()) {
							throw new IllegalStateException("postgres exited with " + process.exitValue() + ": "
									+ Files.readString(log).strip());
						}
						postgres.adminConnection().close();
						return true;
					});
				return postgres;
			}
			catch (RuntimeException ex) {
				stopForcibly(process);
				failure = ex;
			}
		}
		throw failure;
	}

	/**
	 * The newest local binaries, and how to run them: initdb and postgres refuse to run as root, so then they run as
	 * the {@code postgres} OS user, which also owns the cluster's files.
	 */
	private record Installation(Path binaries, List<String> asOwner, @Nullable UserPrincipal owner) {

		static Installation find() throws Unavailable {
			Path binaries = findBinaries();
			if (!"root".equals(System.getProperty("user.name"))) {
				return new Installation(binaries, List.of(), null);
			}
			UserPrincipal owner;
			try {
				owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
			}
			catch (IOException ex) {
				throw new Unavailable("Running as root without a 'postgres' OS user to run PostgreSQL as: " + ex);
			}
			Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
				.map(Path::of)
				.filter(Files::isExecutable)
				.findFirst()
				.orElseThrow(() -> new Unavailable("Running as root without runuser to run PostgreSQL as 'postgres'"));
			return new Installation(binaries, List.of(runuser.toString(), "-u", SUPERUSER, "--"), owner);
		}

		/** The newest {@code /usr/lib/postgresql/<version>/bin}, else {@code pg_config --bindir}. */
		private static Path findBinaries() throws Unavailable {
			List<Path> candidates = new ArrayList<>();
			try (DirectoryStream<Path> versions = Files.newDirectoryStream(Path.of("/usr/lib/postgresql"))) {
				versions.forEach((version) -> candidates.add(version.resolve("bin")));
			}
			catch (IOException ex) {
				// not a Debian-style installation
			}
			candidates.sort(Comparator.comparingDouble(Installation::version).reversed());
			candidates.removeIf((bin) -> !complete(bin));
			if (candidates.isEmpty()) {
				CommandResult pgConfig = ServiceSupport.run(List.of("pg_config", "--bindir"), null,
						Duration.ofSeconds(10));
				Path bin = Path.of(pgConfig.output().strip());
				if (pgConfig.succeeded() && complete(bin)) {
					return bin;
				}
				throw new Unavailable("PostgreSQL binaries (initdb, postgres, pg_ctl) not found in "
						+ "/usr/lib/postgresql/*/bin nor by pg_config --bindir");
			}
			return candidates.get(0);
		}

		private static boolean complete(Path bin) {
			return Stream.of("initdb", "postgres", "pg_ctl")
				.allMatch((program) -> Files.isExecutable(bin.resolve(program)));
		}

		private static double version(Path bin) {
			try {
				return Double.parseDouble(bin.getParent().getFileName().toString());
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		List<String> command(String program, String... arguments) {
			List<String> command = new ArrayList<>(this.asOwner);
			command.add(this.binaries.resolve(program).toString());
			command.addAll(List.of(arguments));
			return command;
		}

		Path own(Path path) throws IOException {
			if (this.owner != null) {
				Files.setOwner(path, this.owner);
			}
			return path;
		}

	}

	@FunctionalInterface
	private interface AdminWork {

		void run(Connection connection, Statement statement) throws SQLException;

	}

}
