package dev.vaultkv.embedded.kv;

/**
 * Go's {@code %q} quoting and {@code unicode.IsPrint}, for error messages that must read as Vault's do.
 *
 * @author vaultkv
 */
final class GoStrings {

	private GoStrings() {
	}

	/**
	 * Quote text as Go's {@code strconv.Quote} does.
	 * @param text the text
	 * @return the quoted text
	 */
	static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		text.codePoints().forEach((codePoint) -> {
			switch (codePoint) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (isPrint(codePoint)) {
						quoted.appendCodePoint(codePoint);
					}
					else if (codePoint < 0x80) {
						quoted.append(String.format("\\x%02x", codePoint));
					}
					else if (codePoint <= 0xFFFF) {
						quoted.append(String.format("\\u%04x", codePoint));
					}
					else {
						quoted.append(String.format("\\U%08x", codePoint));
					}
				}
			}
		});
		return quoted.append('"').toString();
	}

	/**
	 * Whether every character is printable in Go's sense (letters, marks, numbers, punctuation, symbols and
	 * the ASCII space).
	 * @param text the text
	 * @return whether it is printable
	 */
	static boolean isPrintable(String text) {
		return text.codePoints().allMatch(GoStrings::isPrint);
	}

	static boolean isPrint(int codePoint) {
		if (codePoint == ' ') {
			return true;
		}
		return switch (Character.getType(codePoint)) {
			case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
					Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
					Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
					Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
					Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
					Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
					Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL ->
				true;
			default -> false;
		};
	}

}
