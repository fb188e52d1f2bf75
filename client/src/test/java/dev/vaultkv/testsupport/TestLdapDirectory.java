package dev.vaultkv.testsupport;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

/**
 * An in-memory LDAP directory on 127.0.0.1 (UnboundID) for the LDAP login tests: users {@code alice}
 * (password {@code wonderland}, group {@code developers}) and {@code John Smith} (uid {@code john smith},
 * password {@code p@ss w0rd}, no group) under {@code ou=users,dc=example,dc=org}, groups ({@code groupOfNames})
 * under {@code ou=groups,dc=example,dc=org}, and a service account {@code cn=vault,dc=example,dc=org}
 * (password {@code service-secret}) for Vault's searches.
 */
public final class TestLdapDirectory implements AutoCloseable {

	public static final String BASE = "dc=example,dc=org";

	public static final String BIND_DN = "cn=vault," + BASE;

	public static final String BIND_PASSWORD = "service-secret";

	private final InMemoryDirectoryServer server;

	private TestLdapDirectory(InMemoryDirectoryServer server) {
		this.server = server;
	}

	public static TestLdapDirectory start() {
		try {
			InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
			config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
			config.setListenerConfigs(
					InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
			InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
			server.add("dn: " + BASE, "objectClass: domain", "dc: example");
			server.add("dn: ou=users," + BASE, "objectClass: organizationalUnit", "ou: users");
			server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
			server.add("dn: uid=alice,ou=users," + BASE, "objectClass: inetOrgPerson", "uid: alice",
					"cn: Alice Liddell", "sn: Liddell", "userPassword: wonderland");
			server.add("dn: uid=john smith,ou=users," + BASE, "objectClass: inetOrgPerson", "uid: john smith",
					"cn: John Smith", "sn: Smith", "userPassword: p@ss w0rd");
			server.add("dn: cn=developers,ou=groups," + BASE, "objectClass: groupOfNames", "cn: developers",
					"member: uid=alice,ou=users," + BASE);
			server.startListening();
			return new TestLdapDirectory(server);
		}
		catch (LDAPException | LDIFException ex) {
			throw new IllegalStateException("Could not start the in-memory LDAP directory", ex);
		}
	}

	public String getUrl() {
		return "ldap://127.0.0.1:" + this.server.getListenPort();
	}

	/**
	 * The body of an {@code auth/<mount>/config} write for a search-and-bind login against this directory.
	 */
	public Map<String, Object> vaultConfig() {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("url", getUrl());
		config.put("binddn", BIND_DN);
		config.put("bindpass", BIND_PASSWORD);
		config.put("userdn", "ou=users," + BASE);
		config.put("userattr", "uid");
		config.put("groupdn", "ou=groups," + BASE);
		return config;
	}

	@Override
	public void close() {
		this.server.shutDown(true);
	}

}
