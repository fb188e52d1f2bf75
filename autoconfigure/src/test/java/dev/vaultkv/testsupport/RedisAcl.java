package dev.vaultkv.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.vaultkv.testsupport.SharedService.Unavailable;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Password-protected ACL users on the Redis server at 127.0.0.1:6379, administered as its {@code default} user.
 * Users left over when the JVM exits are deleted.
 */
final class RedisAcl implements AutoCloseable {

	private static final int PORT = 6379;

	private static final SharedService<RedisAcl> shared = new SharedService<>("Redis", RedisAcl::start);

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final Set<String> users = ConcurrentHashMap.newKeySet();

	private RedisAcl(RedisClient client, StatefulRedisConnection<String, String> connection) {
		this.client = client;
		this.connection = connection;
	}

	/** The shared ACL helper; skips the test when Redis 6+ is not reachable without a password. */
	static RedisAcl get() {
		return shared.get();
	}

	int port() {
		return PORT;
	}

	/** Where to connect as {@code user}. */
	RedisURI uri(String user, String password) {
		return RedisURI.builder()
			.withHost(ServiceSupport.LOOPBACK)
			.withPort(PORT)
			.withAuthentication(user, password)
			.withTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Creates an enabled user that can only log in with {@code password}, allowed every key, channel and command. */
	void createUser(String name, String password) {
		String user = ServiceSupport.checkName(name);
		this.users.add(user);
		commands().aclSetuser(user, AclSetuserArgs.Builder.reset()
			.on()
			.addPassword(password)
			.allKeys()
			.allChannels()
			.allCommands());
	}

	/** Replaces every password of the user; its open connections stay authenticated. */
	void changePassword(String name, String newPassword) {
		commands().aclSetuser(ServiceSupport.checkName(name),
				AclSetuserArgs.Builder.resetpass().addPassword(newPassword));
	}

	/** Closes the user's connections; Redis closes them before this returns. */
	long killConnections(String name) {
		return commands().clientKill(KillArgs.Builder.user(ServiceSupport.checkName(name)));
	}

	/**
	 * Whether {@code AUTH user password} succeeds on a fresh connection. Prefer it to asserting on Lettuce's
	 * exception: Lettuce reports a refused password as a {@code RedisConnectionException} caused by
	 * {@code WRONGPASS}, but now and then (a race in its handshake) caused by "Connection closed prematurely".
	 */
	boolean authenticates(String user, String password) {
		StringBuilder command = new StringBuilder("*3\r\n");
		for (String argument : List.of("AUTH", user, password)) {
			command.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
			command.append(argument).append("\r\n");
		}
		try (Socket socket = new Socket(ServiceSupport.LOOPBACK, PORT)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
			String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
			if (reply == null || !(reply.equals("+OK") || reply.startsWith("-WRONGPASS"))) {
				throw new IllegalStateException("Unexpected reply to AUTH: " + reply);
			}
			return reply.equals("+OK");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes the user, which also closes its connections. */
	void deleteUser(String name) {
		String user = ServiceSupport.checkName(name);
		commands().aclDeluser(user);
		this.users.remove(user);
	}

	@Override
	public void close() {
		try {
			List.copyOf(this.users).forEach(this::deleteUser);
		}
		finally {
			this.connection.close();
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private RedisCommands<String, String> commands() {
		return this.connection.sync();
	}

	private static RedisAcl start() throws Unavailable {
		if (!ServiceSupport.reachable(PORT)) {
			throw new Unavailable("Redis not reachable at " + ServiceSupport.LOOPBACK + ":" + PORT);
		}
		RedisURI uri = RedisURI.builder()
			.withHost(ServiceSupport.LOOPBACK)
			.withPort(PORT)
			.withTimeout(Duration.ofSeconds(5))
			.build();
		RedisClient client = RedisClient.create(uri);
		try {
			StatefulRedisConnection<String, String> connection = client.connect();
			// ACL needs Redis 6+, and the default user must be allowed to administer it.
			connection.sync().aclUsers();
			return new RedisAcl(client, connection);
		}
		catch (RedisException ex) {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			throw new Unavailable("Redis at " + ServiceSupport.LOOPBACK + ":" + PORT
					+ " does not accept ACL commands from the default user: " + ex.getMessage());
		}
	}

}
