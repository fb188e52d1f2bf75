package dev.vaultkv.embedded.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.directory.Attribute;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.jspecify.annotations.Nullable;

/**
 * The LDAP side of a login to the LDAP auth method, done as Vault's {@code ldaputil} client does it, with the
 * JDK's JNDI LDAP provider: find the user's bind DN (searching under {@code userdn} as {@code binddn} or
 * anonymously, or building it from {@code userattr}/{@code upndomain}), bind as the user with the password,
 * and read the user's groups under {@code groupdn} with {@code groupfilter}. Each bind opens its own
 * connection (Vault rebinds one connection; the outcome is the same). Failures carry Vault's error texts.
 *
 * @author vaultkv
 */
final class LdapDirectory {

	static final String USER_BIND_FAILED = "ldap operation failed: failed to bind as user";

	private static final String LDAP_CONTEXT_FACTORY = "com.sun.jndi.ldap.LdapCtxFactory";

	private LdapDirectory() {
	}

	/**
	 * Log a user in.
	 * @param config the mount's configuration
	 * @param username the user name (trimmed, case-folded as configured)
	 * @param password the password, never logged nor put in a message
	 * @return the user's DN and directory groups
	 * @throws Failure with Vault's message when the login is refused
	 */
	static Result login(LdapConfig config, String username, String password) {
		String url = dial(config);
		String userBindDn = userBindDn(config, url, username);
		// the bind that authenticates the user; an empty password makes it an unauthenticated bind
		LdapContext searcher = context(config, url, userBindDn, password.isEmpty() ? null : password,
				USER_BIND_FAILED);
		if (!config.bindDn.isEmpty() && !config.bindPassword.isEmpty()) {
			// Vault searches for groups as binddn, not as the user
			close(searcher);
			searcher = context(config, url, config.bindDn, config.bindPassword,
					"ldap operation failed: failed to re-bind with the BindDN user");
		}
		try {
			String userDn = userDn(config, searcher, userBindDn, username);
			if (config.anonymousGroupSearch) {
				close(searcher);
				searcher = context(config, url, "", null, "ldap operation failed: failed to connect to LDAP server");
			}
			return new Result(userDn, groups(config, searcher, userDn, username));
		}
		finally {
			close(searcher);
		}
	}

	/**
	 * Find the first URL of the comma-separated {@code url} that answers.
	 */
	private static String dial(LdapConfig config) {
		List<String> errors = new ArrayList<>();
		for (String candidate : config.url.split(",")) {
			String url = candidate.trim();
			URI uri;
			try {
				uri = URI.create(url);
			}
			catch (IllegalArgumentException ex) {
				errors.add("error parsing url \"" + url + "\": " + ex.getMessage());
				continue;
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
				errors.add("invalid LDAP scheme in url \"" + uri.getAuthority() + "\"");
				continue;
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : (scheme.equals("ldaps") ? 636 : 389);
			String address = scheme + "://" + uri.getHost() + ":" + port;
			try {
				close(open(config, address, "", null));
				return address;
			}
			catch (NamingException ex) {
				errors.add("error connecting to host \"" + url + "\": LDAP Result Code 200 \"Network Error\": "
						+ describe(ex));
			}
		}
		StringBuilder message = new StringBuilder().append(errors.size())
			.append((errors.size() == 1) ? " error occurred:\n" : " errors occurred:\n");
		errors.forEach((error) -> message.append("\t* ").append(error).append('\n'));
		throw new Failure(message.append('\n').toString());
	}

	private static String userBindDn(LdapConfig config, String url, String username) {
		if (config.discoverDn || (!config.bindDn.isEmpty() && !config.bindPassword.isEmpty())) {
			LdapContext context = context(config, url, config.bindDn,
					config.bindPassword.isEmpty() ? null : config.bindPassword, USER_BIND_FAILED);
			try {
				Map<String, String> fields = config.upnDomain.isEmpty()
						? Map.of("UserAttr", FilterTemplate.escapeFilter(config.userAttr), "Username",
								FilterTemplate.escapeFilter(username))
						: Map.of("UserAttr", "userPrincipalName", "Username",
								FilterTemplate.escapeFilter(username) + "@" + config.upnDomain);
				String filter = FilterTemplate.render(config.userFilter, fields);
				// a size limit of 2: more than one entry (the server's size limit error included) is refused
				List<SearchResult> entries = search(context, config.userDn, filter, 2, config.userAttr);
				if (entries.size() != 1) {
					throw new Failure(USER_BIND_FAILED);
				}
				return entries.get(0).getNameInNamespace();
			}
			catch (NamingException | IllegalArgumentException ex) {
				throw new Failure(USER_BIND_FAILED);
			}
			finally {
				close(context);
			}
		}
		if (!config.upnDomain.isEmpty()) {
			return FilterTemplate.escapeDnValue(username) + "@" + config.upnDomain;
		}
		return config.userAttr + "=" + FilterTemplate.escapeDnValue(username) + "," + config.userDn;
	}

	private static String userDn(LdapConfig config, LdapContext context, String bindDn, String username) {
		if (config.upnDomain.isEmpty()) {
			return bindDn;
		}
		String filter = "(userPrincipalName=" + FilterTemplate.escapeFilter(username) + "@" + config.upnDomain + ")";
		try {
			List<SearchResult> entries = search(context, config.userDn, filter, 0);
			return entries.isEmpty() ? "" : entries.get(entries.size() - 1).getNameInNamespace();
		}
		catch (NamingException ex) {
			throw new Failure("LDAP search failed for detecting user: " + describe(ex));
		}
	}

	private static List<String> groups(LdapConfig config, LdapContext context, String userDn, String username) {
		if (config.groupFilter.isEmpty() || config.groupDn.isEmpty()) {
			return List.of();
		}
		String filter;
		try {
			filter = FilterTemplate.render(config.groupFilter, Map.of("UserDN", FilterTemplate.escapeFilter(userDn),
					"Username", FilterTemplate.escapeFilter(username)));
		}
		catch (IllegalArgumentException ex) {
			throw new Failure("LDAP search failed due to template parsing error: " + ex.getMessage());
		}
		Set<String> groups = new LinkedHashSet<>();
		try {
			for (SearchResult entry : search(context, config.groupDn, filter, 0, config.groupAttr)) {
				Attribute values = (entry.getAttributes() != null) ? entry.getAttributes().get(config.groupAttr)
						: null;
				if (values != null && values.size() > 0) {
					NamingEnumeration<?> all = values.getAll();
					while (all.hasMore()) {
						groups.add(commonName(String.valueOf(all.next()), config.usePre111GroupCnBehavior));
					}
				}
				else {
					groups.add(commonName(entry.getNameInNamespace(), config.usePre111GroupCnBehavior));
				}
			}
		}
		catch (NamingException ex) {
			throw new Failure("LDAP search failed: " + describe(ex));
		}
		return List.copyOf(groups);
	}

	/**
	 * The first CN of a DN, leftmost first; a value that is not a DN is returned as is (Vault's
	 * {@code getCN}).
	 */
	static String commonName(String dn, boolean caseSensitiveType) {
		LdapName name;
		try {
			name = new LdapName(dn);
		}
		catch (InvalidNameException ex) {
			return dn;
		}
		for (int i = name.size() - 1; i >= 0; i--) {
			Rdn rdn = name.getRdn(i);
			boolean cn = caseSensitiveType ? rdn.getType().equals("CN") : rdn.getType().equalsIgnoreCase("CN");
			if (cn) {
				return String.valueOf(rdn.getValue());
			}
		}
		return dn;
	}

	private static List<SearchResult> search(LdapContext context, String base, String filter, long limit,
			String... attributes) throws NamingException {
		SearchControls controls = new SearchControls();
		controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
		controls.setCountLimit(limit);
		controls.setReturningAttributes(attributes);
		List<SearchResult> results = new ArrayList<>();
		NamingEnumeration<SearchResult> enumeration = context.search(new LdapName(base), filter, controls);
		try {
			while (enumeration.hasMore()) {
				results.add(enumeration.next());
			}
		}
		catch (PartialResultException ex) {
			// a referral (Active Directory sends them at the end of a search): ignored, as Vault's client does
		}
		finally {
			enumeration.close();
		}
		return results;
	}

	private static LdapContext context(LdapConfig config, String url, String principal, @Nullable String password,
			String failure) {
		try {
			return open(config, url, principal, password);
		}
		catch (NamingException ex) {
			throw new Failure(failure);
		}
	}

	private static LdapContext open(LdapConfig config, String url, String principal, @Nullable String password)
			throws NamingException {
		Hashtable<String, Object> environment = new Hashtable<>();
		environment.put(Context.INITIAL_CONTEXT_FACTORY, LDAP_CONTEXT_FACTORY);
		environment.put(Context.PROVIDER_URL, url);
		environment.put(Context.REFERRAL, "ignore");
		environment.put("java.naming.ldap.derefAliases", config.dereferenceAliases);
		environment.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(config.connectionTimeout * 1000L));
		if (config.requestTimeout > 0) {
			environment.put("com.sun.jndi.ldap.read.timeout", String.valueOf(config.requestTimeout * 1000L));
		}
		if (principal.isEmpty()) {
			environment.put(Context.SECURITY_AUTHENTICATION, "none");
		}
		else {
			// an empty password makes this an unauthenticated bind, as Vault's UnauthenticatedBind
			environment.put(Context.SECURITY_AUTHENTICATION, "simple");
			environment.put(Context.SECURITY_PRINCIPAL, principal);
			environment.put(Context.SECURITY_CREDENTIALS, (password != null) ? password : "");
		}
		return new InitialLdapContext(environment, null);
	}

	private static String describe(NamingException ex) {
		Throwable root = (ex.getRootCause() != null) ? ex.getRootCause() : ex;
		String message = root.getMessage();
		return (message != null) ? message : root.getClass().getSimpleName();
	}

	private static void close(@Nullable LdapContext context) {
		if (context != null) {
			try {
				context.close();
			}
			catch (NamingException ex) {
				// nothing to do: the connection is gone either way
			}
		}
	}

	/**
	 * The user's DN and directory groups.
	 *
	 * @param userDn the DN of the user's entry
	 * @param groups the names of the groups the directory reports, in its order
	 */
	record Result(String userDn, List<String> groups) {
	}

	/**
	 * A refused login, with Vault's error text (which never contains the password).
	 */
	static final class Failure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Failure(String message) {
			super(message, null, false, false);
		}

	}

}
