package dev.vaultkv.client;

import java.net.ProxySelector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

/**
 * Routes requests through the proxy that a {@link ProxySelector} (the JDK's, which reads the proxy
 * system properties) chooses for a host, asking it once per host: Vault is one host, or a few behind
 * its redirects, and asking for every request builds a URI and reads the system properties each time.
 * Beyond {@value #MAX_HOSTS} hosts the selector is asked every time.
 *
 * @since 0.1.0
 */
final class SystemProxyRoutePlanner extends SystemDefaultRoutePlanner {

	private static final int MAX_HOSTS = 32;

	private static final HttpHost DIRECT = new HttpHost("direct.invalid");

	private final Map<HttpHost, HttpHost> proxies = new ConcurrentHashMap<>();

	SystemProxyRoutePlanner(ProxySelector selector) {
		super(selector);
	}

	@Override
	protected @Nullable HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
		HttpHost known = this.proxies.get(target);
		if (known != null) {
			return (known != DIRECT) ? known : null;
		}
		HttpHost proxy = super.determineProxy(target, context);
		if (this.proxies.size() < MAX_HOSTS) {
			this.proxies.put(target, (proxy != null) ? proxy : DIRECT);
		}
		return proxy;
	}

}
