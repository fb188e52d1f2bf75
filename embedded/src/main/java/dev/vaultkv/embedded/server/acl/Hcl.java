package dev.vaultkv.embedded.server.acl;

import java.util.ArrayList;
import java.util.List;

/**
 * A small parser for the HCL syntax used by policies: blocks with string labels, attributes, strings
 * (quoted and heredoc), numbers, booleans, lists and nested objects, and {@code #}, {@code //} and
 * {@code /* *}{@code /} comments.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class Hcl {

	/**
	 * One item of a body: {@code key "label" ... { body }} or {@code key = value}.
	 *
	 * @param key the key
	 * @param labels the block labels
	 * @param value a {@code String}, {@code Double}, {@code Boolean}, {@code List} or {@code List<Item>}
	 * body (for blocks and objects)
	 * @param block whether the value is a body
	 */
	record Item(String key, List<String> labels, Object value, boolean block) {
	}

	/**
	 * A nested body.
	 *
	 * @param items the items
	 */
	record Body(List<Item> items) {
	}

	private final String text;

	private int position;

	private Hcl(String text) {
		this.text = text;
	}

	/**
	 * Parse a document.
	 * @param text the HCL text
	 * @return the top-level body
	 * @throws IllegalArgumentException with a position and reason if the text is not valid
	 */
	static Body parse(String text) {
		Hcl parser = new Hcl(text);
		Body body = parser.body(false);
		parser.skipSpace();
		if (parser.position < text.length()) {
			throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
		}
		return body;
	}

	private Body body(boolean nested) {
		List<Item> items = new ArrayList<>();
		while (true) {
			skipSpace();
			if (this.position >= this.text.length()) {
				if (nested) {
					throw error("unexpected end of input, expected '}'");
				}
				return new Body(items);
			}
			char c = this.text.charAt(this.position);
			if (c == '}') {
				if (!nested) {
					throw error("unexpected '}'");
				}
				this.position++;
				return new Body(items);
			}
			if (c == ',') {
				this.position++;
				continue;
			}
			String key = (c == '"') ? string() : identifier();
			List<String> labels = new ArrayList<>();
			skipSpace();
			while (peek() == '"') {
				labels.add(string());
				skipSpace();
			}
			if (peek() == '=' || peek() == ':') {
				this.position++;
				skipSpace();
				if (peek() == '{') {
					this.position++;
					items.add(new Item(key, labels, body(true), true));
				}
				else {
					items.add(new Item(key, labels, value(), false));
				}
			}
			else if (peek() == '{') {
				this.position++;
				items.add(new Item(key, labels, body(true), true));
			}
			else {
				throw error("expected '=' or '{' after \"" + key + "\"");
			}
		}
	}

	private Object value() {
		skipSpace();
		char c = peek();
		if (c == '"') {
			return string();
		}
		if (c == '<' && this.text.startsWith("<<", this.position)) {
			return heredoc();
		}
		if (c == '[') {
			this.position++;
			List<Object> list = new ArrayList<>();
			while (true) {
				skipSpace();
				if (peek() == ']') {
					this.position++;
					return list;
				}
				if (peek() == '{') {
					this.position++;
					list.add(body(true));
				}
				else {
					list.add(value());
				}
				skipSpace();
				if (peek() == ',') {
					this.position++;
				}
				else if (peek() != ']') {
					throw error("expected ',' or ']' in list");
				}
			}
		}
		if (c == '{') {
			this.position++;
			return body(true);
		}
		if (c == '-' || Character.isDigit(c)) {
			int start = this.position++;
			while (this.position < this.text.length()
					&& (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '-' || peek() == '+')) {
				this.position++;
			}
			String number = this.text.substring(start, this.position);
			try {
				return Double.parseDouble(number);
			}
			catch (NumberFormatException ex) {
				throw error("invalid number \"" + number + "\"");
			}
		}
		if (Character.isLetter(c)) {
			String word = identifier();
			return switch (word) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				default -> throw error("unknown token \"" + word + "\"");
			};
		}
		throw error((this.position >= this.text.length()) ? "unexpected end of input" : "unexpected '" + c + "'");
	}

	private String heredoc() {
		this.position += 2;
		boolean indented = peek() == '-';
		if (indented) {
			this.position++;
		}
		String marker = identifier();
		int lineEnd = this.text.indexOf('\n', this.position);
		if (lineEnd < 0) {
			throw error("unterminated heredoc");
		}
		StringBuilder content = new StringBuilder();
		int lineStart = lineEnd + 1;
		while (lineStart <= this.text.length()) {
			int next = this.text.indexOf('\n', lineStart);
			String line = this.text.substring(lineStart, (next < 0) ? this.text.length() : next);
			if (line.trim().equals(marker)) {
				this.position = (next < 0) ? this.text.length() : next;
				return content.toString();
			}
			content.append(indented ? line.stripLeading() : line).append('\n');
			if (next < 0) {
				break;
			}
			lineStart = next + 1;
		}
		throw error("unterminated heredoc");
	}

	private String identifier() {
		int start = this.position;
		while (this.position < this.text.length()) {
			char c = peek();
			if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
				this.position++;
			}
			else {
				break;
			}
		}
		if (start == this.position) {
			throw error((this.position >= this.text.length()) ? "unexpected end of input"
					: "unexpected '" + peek() + "'");
		}
		return this.text.substring(start, this.position);
	}

	private String string() {
		this.position++;
		StringBuilder builder = new StringBuilder();
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return builder.toString();
			}
			if (c == '\n') {
				break;
			}
			if (c == '\\' && this.position < this.text.length()) {
				char escaped = this.text.charAt(this.position++);
				switch (escaped) {
					case 'n' -> builder.append('\n');
					case 't' -> builder.append('\t');
					case 'r' -> builder.append('\r');
					case 'u' -> {
						if (this.position + 4 > this.text.length()) {
							throw error("invalid unicode escape");
						}
						builder.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
						this.position += 4;
					}
					default -> builder.append(escaped);
				}
			}
			else {
				builder.append(c);
			}
		}
		throw error("unterminated string");
	}

	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : '\0';
	}

	private void skipSpace() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (Character.isWhitespace(c) || c == ';') {
				this.position++;
			}
			else if (c == '#' || this.text.startsWith("//", this.position)) {
				int end = this.text.indexOf('\n', this.position);
				this.position = (end < 0) ? this.text.length() : end + 1;
			}
			else if (this.text.startsWith("/*", this.position)) {
				int end = this.text.indexOf("*/", this.position + 2);
				if (end < 0) {
					throw error("unterminated comment");
				}
				this.position = end + 2;
			}
			else {
				return;
			}
		}
	}

	private IllegalArgumentException error(String reason) {
		int line = 1;
		int column = 1;
		for (int i = 0; i < Math.min(this.position, this.text.length()); i++) {
			if (this.text.charAt(i) == '\n') {
				line++;
				column = 1;
			}
			else {
				column++;
			}
		}
		return new IllegalArgumentException("At " + line + ":" + column + ": " + reason);
	}

}
