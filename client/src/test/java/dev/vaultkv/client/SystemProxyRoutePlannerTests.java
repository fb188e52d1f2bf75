package dev.vaultkv.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SystemProxyRoutePlanner}.
 */
class SystemProxyRoutePlannerTests {

	private final List<String> asked = new CopyOnWriteArrayList<>();

	private final ProxySelector selector = new ProxySelector() {

		@Override
		public List<Proxy> select(URI uri) {
			SystemProxyRoutePlannerTests.this.asked.add(uri.getHost());
			if (uri.getHost().endsWith(".internal")) {
				return List.of(Proxy.NO_PROXY);
			}
			return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.example.com", 3128)));
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException ex) {
		}

	};

	@Test
	void asksTheSelectorOncePerHost() throws Exception {
		SystemProxyRoutePlanner planner = new SystemProxyRoutePlanner(this.selector);
		HttpHost vault = new HttpHost("https", "vault.example.com", 8200);
		HttpHost standby = new HttpHost("https", "vault-2.internal", 8200);
		for (int i = 0; i < 3; i++) {
			HttpRoute viaProxy = planner.determineRoute(vault, HttpClientContext.create());
			assertThat(viaProxy.getProxyHost()).isEqualTo(new HttpHost("proxy.example.com", 3128));
			HttpRoute direct = planner.determineRoute(standby, HttpClientContext.create());
			assertThat(direct.getProxyHost()).isNull();
			assertThat(direct.getTargetHost()).isEqualTo(standby);
		}
		assertThat(this.asked).containsExactly("vault.example.com", "vault-2.internal");
	}

	@Test
	void asksEveryTimeBeyondTheHostsItRemembers() throws Exception {
		SystemProxyRoutePlanner planner = new SystemProxyRoutePlanner(this.selector);
		for (int i = 0; i < 40; i++) {
			planner.determineRoute(new HttpHost("https", "vault-" + i + ".internal", 8200), HttpClientContext.create());
		}
		planner.determineRoute(new HttpHost("https", "vault-0.internal", 8200), HttpClientContext.create());
		planner.determineRoute(new HttpHost("https", "vault-39.internal", 8200), HttpClientContext.create());
		assertThat(this.asked).hasSize(41).endsWith("vault-39.internal");
	}

}
