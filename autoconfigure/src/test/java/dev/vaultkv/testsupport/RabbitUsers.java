package dev.vaultkv.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.ConnectionFactory;
import dev.vaultkv.testsupport.ServiceSupport.CommandResult;
import dev.vaultkv.testsupport.SharedService.Unavailable;
import org.jspecify.annotations.Nullable;

/**
 * Password-protected users of the RabbitMQ broker at 127.0.0.1:5672 with full permissions on vhost {@code /},
 * administered with {@code rabbitmqctl}. Users left over when the JVM exits are deleted.
 */
final class RabbitUsers implements AutoCloseable {

	private static final int PORT = 5672;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final SecureRandom random = new SecureRandom();

	private static final SharedService<RabbitUsers> shared = new SharedService<>("RabbitMQ", RabbitUsers::start);

	private final String rabbitmqctl;

	private final Set<String> users = ConcurrentHashMap.newKeySet();

	private RabbitUsers(String rabbitmqctl) {
		this.rabbitmqctl = rabbitmqctl;
	}

	/** The shared users helper; skips the test when the broker or a working {@code rabbitmqctl} is missing. */
	static RabbitUsers get() {
		return shared.get();
	}

	int port() {
		return PORT;
	}

	/** A factory for connections as {@code user} to vhost {@code /}, without automatic recovery. */
	ConnectionFactory connectionFactory(String user, String password) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(ServiceSupport.LOOPBACK);
		factory.setPort(PORT);
		factory.setVirtualHost("/");
		factory.setUsername(user);
		factory.setPassword(password);
		factory.setConnectionTimeout(5000);
		factory.setAutomaticRecoveryEnabled(false);
		return factory;
	}

	/** Creates a user that can only log in with {@code password}, with every permission on vhost {@code /}. */
	void createUser(String name, String password) {
		String user = ServiceSupport.checkName(name);
		this.users.add(user);
		putUser(user, password);
	}

	void changePassword(String name, String newPassword) {
		putUser(ServiceSupport.checkName(name), newPassword);
	}

	/** Asks the broker to close the user's connections; clients see the close shortly after this returns. */
	void closeConnections(String name) {
		rabbitmqctl(null, "close_all_user_connections", ServiceSupport.checkName(name), "credentials-rotated");
	}

	void deleteUser(String name) {
		String user = ServiceSupport.checkName(name);
		rabbitmqctl(null, "delete_user", user);
		this.users.remove(user);
	}

	@Override
	public void close() {
		List.copyOf(this.users).forEach(this::deleteUser);
	}

	/**
	 * Creates or updates the user and its permissions in one {@code rabbitmqctl} call (each call starts an Erlang
	 * VM), passing a password hash on stdin: the script wrapper re-parses arguments through a shell.
	 */
	private void putUser(String user, String password) {
		String definitions = """
				{"users": [{"name": "%1$s", "password_hash": "%2$s", \
				"hashing_algorithm": "rabbit_password_hashing_sha256", "tags": []}],
				"permissions": [{"user": "%1$s", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}]}
				""".formatted(user, hash(password));
		rabbitmqctl(definitions, "import_definitions");
	}

	/** RabbitMQ's SHA-256 scheme: base64 of a 4-byte salt followed by sha256(salt + password). */
	private static String hash(String password) {
		byte[] salt = new byte[4];
		random.nextBytes(salt);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			byte[] digest = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
			byte[] salted = new byte[salt.length + digest.length];
			System.arraycopy(salt, 0, salted, 0, salt.length);
			System.arraycopy(digest, 0, salted, salt.length, digest.length);
			return Base64.getEncoder().encodeToString(salted);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void rabbitmqctl(@Nullable String input, String... arguments) {
		List<String> command = command(this.rabbitmqctl, arguments);
		CommandResult result = ServiceSupport.run(command, input, TIMEOUT);
		if (!result.succeeded()) {
			throw new IllegalStateException(result.describe(command));
		}
	}

	private static List<String> command(String rabbitmqctl, String... arguments) {
		List<String> command = new ArrayList<>(List.of(rabbitmqctl, "-q"));
		command.addAll(List.of(arguments));
		return command;
	}

	private static RabbitUsers start() throws Unavailable {
		if (!ServiceSupport.reachable(PORT)) {
			throw new Unavailable("RabbitMQ not reachable at " + ServiceSupport.LOOPBACK + ":" + PORT);
		}
		Path installed = Path.of("/usr/sbin/rabbitmqctl");
		String rabbitmqctl = Files.isExecutable(installed) ? installed.toString() : "rabbitmqctl";
		List<String> probe = command(rabbitmqctl, "list_users");
		CommandResult result = ServiceSupport.run(probe, null, TIMEOUT);
		if (!result.succeeded()) {
			throw new Unavailable("RabbitMQ users cannot be managed: " + result.describe(probe));
		}
		return new RabbitUsers(rabbitmqctl);
	}

}
