package dev.vaultkv.embedded.auth;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The LDAP search filter templates of Vault's LDAP auth method ({@code userfilter}, {@code groupfilter}):
 * Go templates whose fields ({@code {{.Username}}}, {@code {{.UserDN}}}, {@code {{.UserAttr}}}) are replaced
 * by values escaped for a search filter (RFC 4515), as Vault's {@code ldaputil} does. Only field
 * substitutions are understood; other template actions are refused when the configuration is written.
 *
 * @author vaultkv
 */
final class FilterTemplate {

	private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");

	private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");

	private FilterTemplate() {
	}

	/**
	 * Check a template.
	 * @param template the template
	 * @return what is wrong with it, or {@code null}
	 */
	static @Nullable String check(String template) {
		Matcher matcher = ACTION.matcher(template);
		int end = 0;
		while (matcher.find()) {
			if (template.substring(end, matcher.start()).contains("{{")) {
				return "template: queryTemplate:1: unclosed action";
			}
			if (!FIELD.matcher(matcher.group(1)).matches()) {
				return "the vaultkv embedded dev server understands only field substitutions such as "
						+ "{{.Username}}, not '" + matcher.group() + "'";
			}
			end = matcher.end();
		}
		return template.substring(end).contains("{{") ? "template: queryTemplate:1: unclosed action" : null;
	}

	/**
	 * Render a template, escaping each value for a search filter.
	 * @param template the template
	 * @param fields the field values, unescaped
	 * @return the filter
	 * @throws IllegalArgumentException naming a field the template uses but the context lacks
	 */
	static String render(String template, Map<String, String> fields) {
		Matcher matcher = ACTION.matcher(template);
		StringBuilder filter = new StringBuilder();
		while (matcher.find()) {
			Matcher field = FIELD.matcher(matcher.group(1));
			String value = field.matches() ? fields.get(field.group(1)) : null;
			if (value == null) {
				throw new IllegalArgumentException("template: queryTemplate:1: executing \"queryTemplate\" at <"
						+ matcher.group(1) + ">: can't evaluate field " + matcher.group(1).substring(1));
			}
			matcher.appendReplacement(filter, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(filter);
		return filter.toString();
	}

	/**
	 * Escape a value for a search filter as go-ldap's {@code EscapeFilter}: {@code ( ) * \}, NUL and every
	 * byte of a non-ASCII character become {@code \hh}.
	 * @param value the value
	 * @return the escaped value
	 */
	static String escapeFilter(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c > 0x7f || c == '(' || c == ')' || c == '\\' || c == '*' || c == 0) {
				escaped.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
			}
			else {
				escaped.append((char) c);
			}
		}
		return escaped.toString();
	}

	/**
	 * Escape a value for a distinguished name as Vault's {@code ldaputil.EscapeLDAPValue} (RFC 4514): a
	 * leading space, every {@code #}, a trailing space and {@code " + , ; < > \} get a backslash; bytes outside
	 * printable ASCII become {@code \hh}.
	 * @param value the value
	 * @return the escaped value
	 */
	static String escapeDnValue(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		StringBuilder escaped = new StringBuilder(bytes.length);
		for (int i = 0; i < bytes.length; i++) {
			int c = bytes[i] & 0xff;
			if ((i == 0 && c == ' ') || c == '#' || (i == bytes.length - 1 && c == ' ') || "\"+,;<>\\".indexOf(c) >= 0) {
				escaped.append('\\').append((char) c);
			}
			else if (c < ' ' || c > '~') {
				escaped.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
			}
			else {
				escaped.append((char) c);
			}
		}
		return escaped.toString();
	}

}
