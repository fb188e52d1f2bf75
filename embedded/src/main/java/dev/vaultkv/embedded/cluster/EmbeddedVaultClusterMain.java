package dev.vaultkv.embedded.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.vaultkv.embedded.Flavour;
import dev.vaultkv.embedded.server.GoDurations;

/**
 * Command line of a cluster: {@code java -jar vaultkv-embedded-<version>-standalone.jar --nodes 3
 * --performance-standbys 2 [--port 8200] [--root-token root] [--seed FILE.json] [--replication-lag 500ms]
 * [--election-delay 2s] [--no-forwarding] [--flavour openbao]}. Node {@code i} listens on {@code port + i}.
 * Prints one line per node when ready; {@code EmbeddedVaultMain} runs it until stopped.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class EmbeddedVaultClusterMain {

	static final String USAGE = "Usage: java -jar vaultkv-embedded-standalone.jar --nodes N "
			+ "[--performance-standbys M] [--port PORT] [--root-token TOKEN] [--seed FILE.json] "
			+ "[--replication-lag DURATION] [--election-delay DURATION] [--no-forwarding] [--flavour vault|openbao]";

	private EmbeddedVaultClusterMain() {
	}

	/**
	 * Return whether the arguments ask for a cluster (they name {@code --nodes} or
	 * {@code --performance-standbys}).
	 * @param args the arguments
	 * @return whether to start a cluster
	 * @since 0.1.0
	 */
	public static boolean isClusterCommand(String[] args) {
		for (String arg : args) {
			if (arg.equals("--nodes") || arg.startsWith("--nodes=") || arg.equals("--performance-standbys")
					|| arg.startsWith("--performance-standbys=")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the usage line of the cluster command.
	 * @return the usage line
	 * @since 0.1.0
	 */
	public static String usage() {
		return USAGE;
	}

	/**
	 * Parse the arguments, start the cluster and print one line per node.
	 * @param args the arguments
	 * @param out where to print the ready lines
	 * @return the running cluster
	 * @throws IllegalArgumentException if the arguments are invalid
	 * @since 0.1.0
	 */
	public static EmbeddedVaultCluster start(String[] args, PrintStream out) {
		EmbeddedVaultCluster.Builder builder = EmbeddedVaultCluster.builder().port(8200);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			if (name.equals("--help") || name.equals("-h")) {
				throw new IllegalArgumentException("vaultkv embedded Vault cluster - for development and tests only");
			}
			if (name.equals("--no-forwarding")) {
				builder.forwarding(false);
				continue;
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Missing value for " + name);
				}
				value = args[++i];
			}
			switch (name) {
				case "--nodes" -> builder.nodes(number(name, value));
				case "--performance-standbys" -> builder.performanceStandbys(number(name, value));
				case "--port" -> builder.port(number(name, value));
				case "--root-token" -> builder.rootToken(value);
				case "--seed" -> builder.seed(Path.of(value));
				case "--flavour" -> builder.flavour(Flavour.parse(value));
				case "--replication-lag" -> builder.replicationLag(duration(name, value));
				case "--election-delay" -> builder.electionDelay(duration(name, value));
				default -> throw new IllegalArgumentException("Unknown option " + name);
			}
		}
		EmbeddedVaultCluster cluster = builder.start();
		List<ClusterNode> nodes = cluster.nodes();
		for (ClusterNode node : nodes) {
			String server = cluster.flavour().isOpenBao() ? "OpenBao" : "Vault";
			out.println("vaultkv embedded " + server + " node " + node.id() + " ("
					+ node.role().name().toLowerCase(Locale.ROOT)
					+ ") listening on " + node.address() + " (root token: " + cluster.getRootToken()
					+ ") - for development and tests only");
		}
		out.flush();
		return cluster;
	}

	private static int number(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected a number");
		}
	}

	private static Duration duration(String name, String value) {
		try {
			return GoDurations.parse(value.trim());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"Invalid duration '" + value + "' for " + name + ": expected e.g. 500ms, 2s or 1m");
		}
	}

}
