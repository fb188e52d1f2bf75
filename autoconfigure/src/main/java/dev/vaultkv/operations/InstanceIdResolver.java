package dev.vaultkv.operations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * Finds a stable id for this instance when none is configured: the {@code POD_NAME} environment variable
 * (set it from the pod's name with the Kubernetes downward API), then {@code HOSTNAME} (the pod name in
 * Kubernetes, the container id in Docker), then the local host name. Only when none of them gives a name
 * ({@code localhost} does not count: every machine has it) is the id random, which is logged as a warning.
 * Names are lower-cased and characters other than letters, digits, {@code .}, {@code _} and {@code -}
 * become {@code -}.
 *
 * @since 0.1.0
 */
public final class InstanceIdResolver {

	private static final Logger logger = LoggerFactory.getLogger(InstanceIdResolver.class);

	private static final List<String> VARIABLES = List.of("POD_NAME", "HOSTNAME");

	private final Function<String, @Nullable String> environment;

	private final Supplier<@Nullable String> hostName;

	/**
	 * Create a new instance.
	 * @param environment looks up an environment variable, for example {@code System::getenv}
	 * @param hostName returns the local host name, or {@code null} when unknown
	 */
	public InstanceIdResolver(Function<String, @Nullable String> environment, Supplier<@Nullable String> hostName) {
		Assert.notNull(environment, "'environment' must not be null");
		Assert.notNull(hostName, "'hostName' must not be null");
		this.environment = environment;
		this.hostName = hostName;
	}

	/**
	 * Return a resolver reading the process environment and the local host name.
	 * @return the resolver
	 */
	public static InstanceIdResolver system() {
		return new InstanceIdResolver(System::getenv, InstanceIdResolver::localHostName);
	}

	/**
	 * Return this instance's id.
	 * @return a stable id when one is found, else a random one
	 */
	public InstanceId resolve() {
		for (String variable : VARIABLES) {
			String name = sanitize(this.environment.apply(variable));
			if (name != null) {
				return InstanceId.of(name);
			}
		}
		String host = sanitize(this.hostName.get());
		if (host != null) {
			return InstanceId.of(host);
		}
		InstanceId random = InstanceId.generate();
		logger.warn("No stable instance id (vault.scopes.instance-id, POD_NAME, HOSTNAME and the host name are all "
				+ "unset); using the random id '{}', whose instance store is deleted when the application stops. "
				+ "Set vault.scopes.instance-id to keep instance state and change detection across restarts", random);
		return random;
	}

	/**
	 * Return the local host name, or {@code null} when it cannot be found.
	 * @return the host name
	 */
	public static @Nullable String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException | SecurityException ex) {
			return null;
		}
	}

	private static @Nullable String sanitize(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String safe = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._\\-]", "-").replaceFirst("^\\.+", "");
		if (safe.isEmpty() || safe.equals("localhost") || safe.startsWith("localhost.")) {
			return null;
		}
		return safe;
	}

}
