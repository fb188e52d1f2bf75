package dev.vaultkv.embedded.database;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Translates the connection strings the PostgreSQL plugin accepts (pgx: a
 * {@code postgres[ql]://user:password@host:port/db?sslmode=disable} URL or a
 * {@code host=... port=... user=... password=... dbname=...} keyword string) to a pgjdbc URL and
 * properties.
 *
 * @author vaultkv
 */
final class PostgresConnectionString {

	private PostgresConnectionString() {
	}

	static DatabasePlugin.JdbcTarget toJdbc(String connectionString) {
		String text = connectionString.trim();
		Map<String, String> settings = (text.startsWith("postgres://") || text.startsWith("postgresql://"))
				? fromUrl(text) : fromKeywords(text);
		StringBuilder url = new StringBuilder("jdbc:postgresql://");
		String hosts = settings.getOrDefault("host", "localhost");
		String port = settings.getOrDefault("port", "5432");
		String[] hostList = hosts.split(",");
		for (int i = 0; i < hostList.length; i++) {
			String host = hostList[i].trim();
			url.append((i > 0) ? "," : "").append(host.isEmpty() ? "localhost" : host);
			if (!host.contains(":") || host.startsWith("[") && host.endsWith("]")) {
				url.append(':').append(port);
			}
		}
		url.append('/').append(settings.getOrDefault("dbname", ""));
		Properties properties = new Properties();
		copy(settings, "user", properties, "user");
		copy(settings, "password", properties, "password");
		copy(settings, "sslmode", properties, "sslmode");
		properties.setProperty("ApplicationName", settings.getOrDefault("application_name", "vault"));
		properties.setProperty("connectTimeout", settings.getOrDefault("connect_timeout", "10"));
		return new DatabasePlugin.JdbcTarget(url.toString(), properties);
	}

	private static void copy(Map<String, String> settings, String key, Properties properties, String property) {
		String value = settings.get(key);
		if (value != null) {
			properties.setProperty(property, value);
		}
	}

	private static Map<String, String> fromUrl(String url) {
		Map<String, String> settings = new LinkedHashMap<>();
		String rest = url.substring(url.indexOf("://") + 3);
		int fragment = rest.indexOf('#');
		if (fragment >= 0) {
			rest = rest.substring(0, fragment);
		}
		int query = rest.indexOf('?');
		String params = (query >= 0) ? rest.substring(query + 1) : "";
		rest = (query >= 0) ? rest.substring(0, query) : rest;
		int slash = rest.indexOf('/');
		String authority = (slash >= 0) ? rest.substring(0, slash) : rest;
		String path = (slash >= 0) ? rest.substring(slash + 1) : "";
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = authority.substring(0, at);
			int colon = userInfo.indexOf(':');
			settings.put("user", decode(url, (colon >= 0) ? userInfo.substring(0, colon) : userInfo));
			if (colon >= 0) {
				settings.put("password", decode(url, userInfo.substring(colon + 1)));
			}
			authority = authority.substring(at + 1);
		}
		if (!authority.isEmpty()) {
			settings.put("host", authority);
		}
		if (!path.isEmpty()) {
			settings.put("dbname", decode(url, path));
		}
		for (String pair : params.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode(url, (equals >= 0) ? pair.substring(0, equals) : pair);
			settings.put(key, (equals >= 0) ? decode(url, pair.substring(equals + 1)) : "");
		}
		return settings;
	}

	private static String decode(String url, String value) {
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(url, "URL");
		}
	}

	private static Map<String, String> fromKeywords(String text) {
		Map<String, String> settings = new LinkedHashMap<>();
		int i = 0;
		while (i < text.length()) {
			while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			if (i >= text.length()) {
				break;
			}
			int equals = text.indexOf('=', i);
			if (equals < 0) {
				throw invalid(text, "DSN");
			}
			String key = text.substring(i, equals).trim();
			if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
				throw invalid(text, "DSN");
			}
			i = equals + 1;
			StringBuilder value = new StringBuilder();
			if (i < text.length() && text.charAt(i) == '\'') {
				i++;
				while (i < text.length() && text.charAt(i) != '\'') {
					if (text.charAt(i) == '\\' && i + 1 < text.length()) {
						i++;
					}
					value.append(text.charAt(i++));
				}
				if (i >= text.length()) {
					throw invalid(text, "DSN");
				}
				i++;
			}
			else {
				while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
					if (text.charAt(i) == '\\' && i + 1 < text.length()) {
						i++;
					}
					value.append(text.charAt(i++));
				}
			}
			settings.put(key, value.toString());
		}
		if (settings.isEmpty()) {
			throw invalid(text, "DSN");
		}
		return settings;
	}

	/**
	 * pgx's parse error, with the password in the string replaced by {@code xxxxx}.
	 */
	private static DatabaseException invalid(String connectionString, String form) {
		String redacted = form.equals("URL") ? ConnectionConfig.redacted(connectionString)
				: connectionString.replaceAll("password=('(\\\\.|[^'])*'|\\S+)", "password=xxxxx");
		return new DatabaseException("cannot parse `" + redacted + "`: failed to parse as " + form + " (invalid "
				+ form.toLowerCase(Locale.ROOT) + ")");
	}

}
