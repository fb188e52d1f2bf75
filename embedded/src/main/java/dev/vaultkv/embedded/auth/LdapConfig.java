package dev.vaultkv.embedded.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The configuration of an LDAP auth mount ({@code auth/<mount>/config}), with the fields, defaults and write
 * semantics of Vault's {@code ldaputil.ConfigEntry}: a write changes only the fields it names, once a
 * configuration exists. Mutable; guarded by the backend monitor.
 *
 * @author vaultkv
 */
final class LdapConfig {

	static final String DEFAULT_GROUP_FILTER = "(|(memberUid={{.Username}})(member={{.UserDN}})(uniqueMember={{.UserDN}}))";

	static final String DEFAULT_USER_FILTER = "({{.UserAttr}}={{.Username}})";

	private static final List<String> TLS_VERSIONS = List.of("tls10", "tls11", "tls12", "tls13");

	private static final List<String> DEREF_ALIASES = List.of("never", "finding", "searching", "always");

	String url = "ldap://127.0.0.1";

	String userDn = "";

	String userAttr = "cn";

	String userFilter = DEFAULT_USER_FILTER;

	String upnDomain = "";

	String bindDn = "";

	String bindPassword = "";

	String groupDn = "";

	String groupFilter = DEFAULT_GROUP_FILTER;

	String groupAttr = "cn";

	String certificate = "";

	String clientTlsCert = "";

	String clientTlsKey = "";

	boolean insecureTls;

	boolean startTls;

	String tlsMinVersion = "tls12";

	String tlsMaxVersion = "tls12";

	boolean denyNullBind = true;

	boolean discoverDn;

	boolean anonymousGroupSearch;

	boolean usernameAsAlias;

	boolean useTokenGroups;

	boolean caseSensitiveNames;

	boolean usePre111GroupCnBehavior;

	int requestTimeout = 90;

	int connectionTimeout = 30;

	String dereferenceAliases = "never";

	int maxPageSize;

	TokenFields token = new TokenFields();

	LdapConfig copy() {
		LdapConfig copy = new LdapConfig();
		copy.url = this.url;
		copy.userDn = this.userDn;
		copy.userAttr = this.userAttr;
		copy.userFilter = this.userFilter;
		copy.upnDomain = this.upnDomain;
		copy.bindDn = this.bindDn;
		copy.bindPassword = this.bindPassword;
		copy.groupDn = this.groupDn;
		copy.groupFilter = this.groupFilter;
		copy.groupAttr = this.groupAttr;
		copy.certificate = this.certificate;
		copy.clientTlsCert = this.clientTlsCert;
		copy.clientTlsKey = this.clientTlsKey;
		copy.insecureTls = this.insecureTls;
		copy.startTls = this.startTls;
		copy.tlsMinVersion = this.tlsMinVersion;
		copy.tlsMaxVersion = this.tlsMaxVersion;
		copy.denyNullBind = this.denyNullBind;
		copy.discoverDn = this.discoverDn;
		copy.anonymousGroupSearch = this.anonymousGroupSearch;
		copy.usernameAsAlias = this.usernameAsAlias;
		copy.useTokenGroups = this.useTokenGroups;
		copy.caseSensitiveNames = this.caseSensitiveNames;
		copy.usePre111GroupCnBehavior = this.usePre111GroupCnBehavior;
		copy.requestTimeout = this.requestTimeout;
		copy.connectionTimeout = this.connectionTimeout;
		copy.dereferenceAliases = this.dereferenceAliases;
		copy.maxPageSize = this.maxPageSize;
		copy.token = this.token.copy();
		return copy;
	}

	/**
	 * Apply the parameters of a config write.
	 * @param params the request parameters
	 * @throws AuthRequestException (400) with Vault's message for an invalid value
	 */
	void parse(Params params) {
		String value = params.string("url");
		if (value != null) {
			this.url = value.toLowerCase(Locale.ROOT);
		}
		value = params.string("userfilter");
		if (value != null) {
			this.userFilter = checkTemplate("userfilter", value);
		}
		value = params.string("userattr");
		if (value != null) {
			this.userAttr = value.toLowerCase(Locale.ROOT);
		}
		this.userDn = params.string("userdn", this.userDn);
		this.groupDn = params.string("groupdn", this.groupDn);
		value = params.string("groupfilter");
		if (value != null) {
			this.groupFilter = checkTemplate("groupfilter", value);
		}
		this.groupAttr = params.string("groupattr", this.groupAttr);
		this.upnDomain = params.string("upndomain", this.upnDomain);
		value = params.string("certificate");
		if (value != null) {
			if (!value.isEmpty() && PublicKeys.parseCertificates(value).isEmpty()) {
				throw AuthRequestException.badRequest(
						"failed to parse server tls cert: failed to decode PEM block in the certificate");
			}
			this.certificate = value;
		}
		this.clientTlsCert = params.string("client_tls_cert", this.clientTlsCert);
		this.clientTlsKey = params.string("client_tls_key", this.clientTlsKey);
		if (this.clientTlsCert.isEmpty() != this.clientTlsKey.isEmpty()) {
			throw AuthRequestException.badRequest("both client_tls_cert and client_tls_key must be set");
		}
		this.insecureTls = params.bool("insecure_tls", this.insecureTls);
		this.tlsMinVersion = tlsVersion(params, "tls_min_version", this.tlsMinVersion);
		this.tlsMaxVersion = tlsVersion(params, "tls_max_version", this.tlsMaxVersion);
		if (this.tlsMaxVersion.compareTo(this.tlsMinVersion) < 0) {
			throw AuthRequestException
				.badRequest("'tls_max_version' must be greater than or equal to 'tls_min_version'");
		}
		this.startTls = params.bool("starttls", this.startTls);
		this.bindDn = params.string("binddn", this.bindDn);
		this.bindPassword = params.string("bindpass", this.bindPassword);
		this.denyNullBind = params.bool("deny_null_bind", this.denyNullBind);
		this.discoverDn = params.bool("discoverdn", this.discoverDn);
		this.anonymousGroupSearch = params.bool("anonymous_group_search", this.anonymousGroupSearch);
		this.usernameAsAlias = params.bool("username_as_alias", this.usernameAsAlias);
		this.useTokenGroups = params.bool("use_token_groups", this.useTokenGroups);
		this.caseSensitiveNames = params.bool("case_sensitive_names", this.caseSensitiveNames);
		this.usePre111GroupCnBehavior = params.bool("use_pre111_group_cn_behavior", this.usePre111GroupCnBehavior);
		this.requestTimeout = seconds(params, "request_timeout", this.requestTimeout);
		this.connectionTimeout = seconds(params, "connection_timeout", this.connectionTimeout);
		value = params.string("dereference_aliases");
		if (value != null) {
			if (!DEREF_ALIASES.contains(value)) {
				throw AuthRequestException.badRequest("field 'dereference_aliases' got value '" + value
						+ "' that is not one of the allowed values " + DEREF_ALIASES);
			}
			this.dereferenceAliases = value;
		}
		Integer pageSize = params.integer("max_page_size");
		if (pageSize != null) {
			this.maxPageSize = pageSize;
		}
		this.token.parse(params);
	}

	private static String checkTemplate(String field, String template) {
		String problem = FilterTemplate.check(template);
		if (problem != null) {
			throw AuthRequestException.badRequest("invalid " + field + ": " + problem);
		}
		return template;
	}

	private static String tlsVersion(Params params, String name, String current) {
		String value = params.string(name);
		if (value == null) {
			return current;
		}
		if (!TLS_VERSIONS.contains(value)) {
			throw AuthRequestException.badRequest("invalid '" + name + "'");
		}
		return value;
	}

	private static int seconds(Params params, String name, int current) {
		Duration value = params.duration(name);
		return (value != null) ? (int) value.toSeconds() : current;
	}

	/**
	 * Whether a bind DN for the user can be derived, as Vault's {@code ConfigEntry.Validate} checks.
	 */
	boolean canDeriveUserBindDn() {
		return this.discoverDn || (!this.bindDn.isEmpty() && !this.bindPassword.isEmpty())
				|| !this.upnDomain.isEmpty() || !this.userDn.isEmpty();
	}

	/**
	 * The configuration as Vault reads it back: everything but the bind password and the client key pair.
	 */
	ObjectNode toData() {
		ObjectNode data = Json.object();
		data.put("url", this.url);
		data.put("userdn", this.userDn);
		data.put("groupdn", this.groupDn);
		data.put("groupfilter", this.groupFilter);
		data.put("groupattr", this.groupAttr);
		data.put("userfilter", this.userFilter);
		data.put("upndomain", this.upnDomain);
		data.put("userattr", this.userAttr);
		data.put("certificate", this.certificate);
		data.put("insecure_tls", this.insecureTls);
		data.put("starttls", this.startTls);
		data.put("binddn", this.bindDn);
		data.put("deny_null_bind", this.denyNullBind);
		data.put("discoverdn", this.discoverDn);
		data.put("tls_min_version", this.tlsMinVersion);
		data.put("tls_max_version", this.tlsMaxVersion);
		data.put("use_token_groups", this.useTokenGroups);
		data.put("anonymous_group_search", this.anonymousGroupSearch);
		data.put("request_timeout", this.requestTimeout);
		data.put("connection_timeout", this.connectionTimeout);
		data.put("username_as_alias", this.usernameAsAlias);
		data.put("dereference_aliases", this.dereferenceAliases);
		data.put("max_page_size", this.maxPageSize);
		data.put("case_sensitive_names", this.caseSensitiveNames);
		data.put("use_pre111_group_cn_behavior", this.usePre111GroupCnBehavior);
		this.token.populate(data);
		return data;
	}

	/**
	 * What the embedded server cannot do with this configuration, or {@code null}.
	 */
	@Nullable String unsupported() {
		if (this.startTls) {
			return "starttls";
		}
		if (this.useTokenGroups) {
			return "use_token_groups";
		}
		if (!this.clientTlsCert.isEmpty()) {
			return "client_tls_cert";
		}
		return null;
	}

	@Override
	public String toString() {
		return "LdapConfig[url=" + this.url + ", userdn=" + this.userDn + ", binddn=" + this.bindDn + "]";
	}

}
