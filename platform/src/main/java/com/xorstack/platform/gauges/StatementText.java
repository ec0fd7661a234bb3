package com.xorstack.platform.gauges;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement as it may leave the service: every literal (strings, dollar-quoted strings,
 * numbers, bind markers) replaced by {@code ?}, comments dropped, white space collapsed,
 * and at most {@value #MAX_LENGTH} characters; plus a short hash of that text that names
 * it stably across restarts and instances. Bind markers are replaced too, so that an
 * {@code in (...)} of any length is one statement, and a literal the code wrote into the
 * text (a patient's id, say) never reaches a gauge.
 */
record StatementText(String hash, String text) {

	/** A gauge label value holds at most 200 characters. */
	static final int MAX_LENGTH = 200;

	/*
	 * One pass over the alternatives, leftmost first: a quote inside a comment, or "--"
	 * inside a string, is taken as part of what it is in. Identifiers in double quotes
	 * are kept (they are names, not data).
	 */
	private static final Pattern LITERALS = Pattern.compile(String.join("|", "--[^\\n]*", // line
																							// comment
			"/\\*(?s:.*?)\\*/", // block comment
			"\"(?:[^\"]|\"\")*\"", // quoted identifier, kept
			"(?i:[eBXUN]&?)?'(?:[^'\\\\]|''|\\\\.)*'", // string, with prefixes and
														// escapes
			"\\$([A-Za-z_][A-Za-z0-9_]*|)\\$(?s:.*?)\\$\\1\\$", // dollar-quoted string
			"\\$\\d+", // bind marker
			"(?<![A-Za-z0-9_$.])(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?(?![A-Za-z0-9_])", // number
			"(?i:\\b(?:true|false)\\b)")); // boolean

	private static final Pattern SPACE = Pattern.compile("\\s+");

	/**
	 * A list of placeholders, such as the expansion of a collection bound to one name.
	 */
	private static final Pattern LIST = Pattern.compile("\\?(?:\\s*,\\s*\\?)+");

	static StatementText of(String sql) {
		StringBuilder out = new StringBuilder(sql.length());
		Matcher matcher = LITERALS.matcher(sql);
		while (matcher.find()) {
			String found = matcher.group();
			String replacement = found.startsWith("--") || found.startsWith("/*") ? " "
					: found.startsWith("\"") ? found : "?";
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		String text = LIST.matcher(SPACE.matcher(out).replaceAll(" ").strip()).replaceAll("?, ...");
		return new StatementText(hash(text), bounded(text));
	}

	private static String bounded(String text) {
		return (text.length() <= MAX_LENGTH) ? text : text.substring(0, MAX_LENGTH - 1) + "…";
	}

	/** The first 12 hex digits of the SHA-256 of the whole normalised text. */
	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
