package dev.vaultkv.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An HTTP proxy that {@link VaultHttpRequestFactory} sends Vault requests through (plain requests
 * in absolute form, {@code https} requests through a {@code CONNECT} tunnel), with optional Basic
 * credentials and hosts reached directly. Immutable; {@link #toString()} never reveals the password.
 *
 * @since 0.1.0
 */
public final class VaultProxy {

	private final String host;

	private final int port;

	private final List<String> nonProxyHosts;

	private final List<Pattern> nonProxyPatterns;

	private final @Nullable String username;

	private final @Nullable String password;

	private VaultProxy(Builder builder) {
		this.host = builder.host;
		this.port = builder.port;
		this.nonProxyHosts = List.copyOf(builder.nonProxyHosts);
		this.nonProxyPatterns = this.nonProxyHosts.stream().map(VaultProxy::pattern).toList();
		this.username = builder.username;
		this.password = builder.password;
	}

	/**
	 * Start building a proxy.
	 * @param host the proxy's host name or address
	 * @param port the proxy's port
	 * @return a builder
	 */
	public static Builder builder(String host, int port) {
		return new Builder(host, port);
	}

	/**
	 * Return the proxy's host.
	 * @return the host
	 */
	public String getHost() {
		return this.host;
	}

	/**
	 * Return the proxy's port.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the patterns of hosts reached without the proxy.
	 * @return the patterns, possibly none
	 */
	public List<String> getNonProxyHosts() {
		return this.nonProxyHosts;
	}

	/**
	 * Return the user name to authenticate to the proxy with.
	 * @return the user name, or {@code null} for none
	 */
	public @Nullable String getUsername() {
		return this.username;
	}

	/**
	 * Return the password to authenticate to the proxy with.
	 * @return the password, or {@code null} for none
	 */
	public @Nullable String getPassword() {
		return this.password;
	}

	/**
	 * Return whether a host is reached directly, without the proxy.
	 * @param host the host name or address of a request
	 * @return whether one of the {@linkplain #getNonProxyHosts() non-proxy hosts} matches it
	 */
	public boolean bypasses(String host) {
		String candidate = host.toLowerCase(Locale.ROOT);
		if (candidate.startsWith("[") && candidate.endsWith("]")) {
			candidate = candidate.substring(1, candidate.length() - 1);
		}
		for (Pattern pattern : this.nonProxyPatterns) {
			if (pattern.matcher(candidate).matches()) {
				return true;
			}
		}
		return false;
	}

	private static Pattern pattern(String nonProxyHost) {
		String[] parts = nonProxyHost.toLowerCase(Locale.ROOT).split("\\*", -1);
		return Pattern.compile(String.join(".*", Arrays.stream(parts).map(Pattern::quote).toList()));
	}

	@Override
	public String toString() {
		return "VaultProxy[" + this.host + ":" + this.port + ", nonProxyHosts=" + this.nonProxyHosts + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "******" : null) + "]";
	}

	/**
	 * Builds a {@link VaultProxy}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String host;

		private final int port;

		private final List<String> nonProxyHosts = new ArrayList<>();

		private @Nullable String username;

		private @Nullable String password;

		private Builder(String host, int port) {
			Assert.hasText(host, "'host' must not be empty");
			Assert.isTrue(port > 0 && port <= 65535, "'port' must be between 1 and 65535");
			this.host = host.trim();
			this.port = port;
		}

		/**
		 * Add hosts reached directly, without the proxy: host names or addresses, each possibly with
		 * {@code *} wildcards such as {@code *.internal.example.com}, matched without regard to case
		 * (like the JDK's {@code http.nonProxyHosts}).
		 * @param nonProxyHosts the host patterns
		 * @return this builder
		 */
		public Builder nonProxyHosts(List<String> nonProxyHosts) {
			Assert.notNull(nonProxyHosts, "'nonProxyHosts' must not be null");
			for (String nonProxyHost : nonProxyHosts) {
				Assert.hasText(nonProxyHost, "'nonProxyHosts' must not contain empty patterns");
				this.nonProxyHosts.add(nonProxyHost.trim());
			}
			return this;
		}

		/**
		 * Set the Basic credentials sent when the proxy asks for them ({@code 407}).
		 * @param username the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder credentials(String username, String password) {
			Assert.hasText(username, "'username' must not be empty");
			Assert.notNull(password, "'password' must not be null");
			this.username = username;
			this.password = password;
			return this;
		}

		/**
		 * Build the proxy.
		 * @return the proxy
		 */
		public VaultProxy build() {
			return new VaultProxy(this);
		}

	}

}
