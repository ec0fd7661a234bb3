package com.xorstack.metrics.alerting;

/**
 * Admin- and data-given text (rule names, labels) inside chat messages: shown as written,
 * never read as markup. Each is one line, so a name cannot forge further alert lines.
 */
final class Markup {

	/** Backslash-escaped in Discord markdown: formatting, quotes, spoilers, links. */
	private static final String DISCORD_SPECIAL = "\\*_~`|><[]()#";

	private Markup() {
	}

	static String plain(String text) {
		return text.replace('\r', ' ').replace('\n', ' ').replace('\u2028', ' ').replace('\u2029', ' ');
	}

	/**
	 * Slack's three control characters as entities: no {@code <!channel>}, {@code <@U..>}
	 * or {@code <url|text>} can be formed.
	 */
	static String slack(String text) {
		return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * Discord markdown escaped, and a zero-width space after every {@code @} so that
	 * {@code @everyone} and {@code @here} stay text even where a client would still
	 * highlight them ({@code allowed_mentions} already stops any ping).
	 */
	static String discord(String text) {
		String line = plain(text);
		StringBuilder escaped = new StringBuilder(line.length() + 16);
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (DISCORD_SPECIAL.indexOf(c) >= 0) {
				escaped.append('\\');
			}
			escaped.append(c);
			if (c == '@') {
				escaped.append('\u200B');
			}
		}
		return escaped.toString();
	}

}
