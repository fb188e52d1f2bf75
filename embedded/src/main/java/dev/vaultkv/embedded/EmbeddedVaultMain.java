package dev.vaultkv.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.vaultkv.embedded.cluster.EmbeddedVaultClusterMain;

/**
 * Command-line entry point: {@code java -jar vaultkv-embedded-<version>-standalone.jar --port 8200
 * --root-token root [--seed secrets.json] [--flavour openbao] [--tls-cert cert.pem --tls-key key.pem
 * [--tls-client-ca ca.pem]] [--no-console]}. Prints the address when ready (and the browser console's, which is on unless
 * {@code --no-console}) and runs until stopped.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class EmbeddedVaultMain {

	private static final String USAGE = "Usage: java -jar vaultkv-embedded-standalone.jar [--port PORT] "
			+ "[--root-token TOKEN] [--seed FILE.json] [--tls-cert CERT.pem --tls-key KEY.pem [--tls-client-ca CA.pem]] "
			+ "[--flavour vault|openbao] [--no-console]";

	private EmbeddedVaultMain() {
	}

	/**
	 * Start the server and block until the JVM stops.
	 * @param args the arguments
	 * @since 0.1.0
	 */
	public static void main(String[] args) {
		boolean cluster = EmbeddedVaultClusterMain.isClusterCommand(args);
		AutoCloseable running;
		try {
			running = cluster ? EmbeddedVaultClusterMain.start(args, System.out) : start(args, System.out);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(cluster ? EmbeddedVaultClusterMain.usage() : USAGE);
			System.exit(2);
			return;
		}
		catch (RuntimeException ex) {
			System.err.println("Could not start the embedded Vault " + (cluster ? "cluster" : "server") + ": "
					+ ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			close(running);
			stopped.countDown();
		}, "vaultkv-embedded-shutdown"));
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close(running);
		}
	}

	private static void close(AutoCloseable running) {
		try {
			running.close();
		}
		catch (Exception ex) {
			System.err.println("Could not stop the embedded Vault server cleanly: " + ex.getMessage());
		}
	}

	/**
	 * Parse the arguments, start the server and print its address line.
	 * @param args the arguments
	 * @param out where to print the ready line
	 * @return the running server
	 * @throws IllegalArgumentException if the arguments are invalid
	 * @since 0.1.0
	 */
	public static EmbeddedVaultServer start(String[] args, PrintStream out) {
		EmbeddedVaultServer.Builder builder = EmbeddedVaultServer.builder().port(8200).console(true);
		Path tlsCert = null;
		Path tlsKey = null;
		Path tlsClientCa = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			if (name.equals("--help") || name.equals("-h")) {
				throw new IllegalArgumentException("vaultkv embedded Vault server - for development and tests only");
			}
			if (name.equals("--no-console")) {
				builder.console(false);
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Missing value for " + name);
				}
				value = args[++i];
			}
			switch (name) {
				case "--port" -> builder.port(parsePort(value));
				case "--root-token" -> builder.rootToken(value);
				case "--seed" -> builder.seed(Path.of(value));
				case "--flavour" -> builder.flavour(Flavour.parse(value));
				case "--tls-cert" -> tlsCert = Path.of(value);
				case "--tls-key" -> tlsKey = Path.of(value);
				case "--tls-client-ca" -> tlsClientCa = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown option " + name);
			}
		}
		if ((tlsCert == null) != (tlsKey == null)) {
			throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
		}
		if (tlsClientCa != null && tlsCert == null) {
			throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key");
		}
		if (tlsCert != null) {
			builder.tlsPem(read(tlsCert, "--tls-cert"), read(tlsKey, "--tls-key"),
					(tlsClientCa != null) ? read(tlsClientCa, "--tls-client-ca") : null);
		}
		EmbeddedVaultServer server = builder.start();
		String name = server.flavour().isOpenBao() ? "OpenBao" : "Vault";
		out.println("vaultkv embedded " + name + " listening on " + server.getAddress() + " (root token: "
				+ server.getRootToken() + ") - for development and tests only");
		if (server.getConsoleAddress() != null) {
			// the token travels in the fragment, which the browser never sends to the server
			out.println("Console: " + server.getConsoleAddress() + "#token=" + server.getRootToken());
		}
		out.flush();
		return server;
	}

	private static String read(Path file, String option) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read " + option + " file " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static int parsePort(String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid port '" + value + "': expected a number between 0 and 65535");
		}
	}

}
