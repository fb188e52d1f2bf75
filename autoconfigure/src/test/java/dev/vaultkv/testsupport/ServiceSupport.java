package dev.vaultkv.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small helpers shared by the real-service accounts: skipping, names, passwords, ports and commands.
 */
final class ServiceSupport {

	/** Set to {@code true} (e.g. on CI) to fail instead of skip when a service is unavailable. */
	static final String REQUIRED_PROPERTY = "vaultkv.test.services.required";

	static final String LOOPBACK = "127.0.0.1";

	private static final Logger logger = LoggerFactory.getLogger(ServiceSupport.class);

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private static final SecureRandom random = new SecureRandom();

	private ServiceSupport() {
	}

	/**
	 * Logs why a service cannot be used and returns the exception that skips the test, or fails it when
	 * {@value #REQUIRED_PROPERTY} is set.
	 */
	static RuntimeException unavailable(String reason) {
		if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
			return new IllegalStateException(reason + " (required by -D" + REQUIRED_PROPERTY + ")");
		}
		logger.warn("{}: skipping", reason);
		return new TestAbortedException(reason);
	}

	static boolean reachable(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A port free on the loopback interface right now; the caller retries if another process takes it first. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A lower-case name, valid as an SQL identifier, Redis and RabbitMQ user, unique to this test run. */
	static String uniqueName(String prefix) {
		return checkName(prefix + "_" + randomString(10));
	}

	static String randomPassword() {
		return randomString(24);
	}

	/** Names go into DDL and command lines unquoted, so only plain lower-case identifiers are accepted. */
	static String checkName(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a plain lower-case identifier: '" + name + "'");
		}
		return name;
	}

	private static String randomString(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(chars);
	}

	/**
	 * Runs a command to completion, feeding it {@code input} on stdin; returns its exit code and combined output.
	 */
	static CommandResult run(List<String> command, @Nullable String input, Duration timeout) {
		Path output = null;
		try {
			output = Files.createTempFile("vaultkv-command", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			try (var stdin = process.getOutputStream()) {
				if (input != null) {
					stdin.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return new CommandResult(-1, "timed out after " + timeout + ": " + Files.readString(output));
			}
			return new CommandResult(process.exitValue(), Files.readString(output));
		}
		catch (IOException ex) {
			return new CommandResult(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new CommandResult(-1, "interrupted");
		}
		finally {
			deleteQuietly(output);
		}
	}

	static void deleteQuietly(@Nullable Path path) {
		if (path == null) {
			return;
		}
		try (var paths = Files.walk(path)) {
			paths.sorted((a, b) -> b.compareTo(a)).forEach((each) -> each.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			logger.debug("Could not delete {}", path, ex);
		}
	}

	record CommandResult(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

		/** The command, its exit code and the end of its output, where tools print their errors. */
		String describe(List<String> command) {
			String output = this.output.strip();
			String tail = (output.length() > 500) ? "..." + output.substring(output.length() - 500) : output;
			return String.join(" ", command) + " exited with " + this.exitCode + ": " + tail;
		}

	}

}
