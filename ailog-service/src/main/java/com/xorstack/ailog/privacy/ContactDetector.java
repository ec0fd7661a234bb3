package com.xorstack.ailog.privacy;

import java.util.Set;

/**
 * E-mail addresses, also written out ({@code jane(at)clinic.de}, {@code jane dot doe at
 * example dot com}), and URLs with or without a scheme. Host names and local parts are
 * read for at most 255 and 64 characters.
 */
final class ContactDetector implements Detector {

	private static final int MAX_LOCAL = 64;

	private static final int MAX_HOST = 255;

	private static final int MAX_URL = 2048;

	/** "met at the dot com boom": after a bare "at", an article starts no domain. */
	private static final Set<String> ARTICLES = Set.of("the", "a", "an", "this", "that", "my", "your", "our", "their",
			"his", "her", "its", "der", "die", "das", "dem", "den");

	@Override
	public void find(Tokens t, Findings findings) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i)) {
				continue;
			}
			int end = url(t, i);
			if (end >= 0) {
				findings.add(i, end, Kind.URL);
				i = end;
			}
			else if (handle(t, i)) {
				int last = i + 1;
				while ((t.isPunct(last + 1, '_') || t.isPunct(last + 1, '.')) && t.isWord(last + 2)) {
					last += 2;
				}
				findings.add(i, last, Kind.ID);
				i = last;
			}
			else if (t.isPunct(i, '@') || atMarkerEnd(t, i) >= 0) {
				email(t, i, findings);
			}
		}
	}

	/** A handle such as {@code @jane_doe84}: an {@code @} with nothing before it. */
	private static boolean handle(Tokens t, int i) {
		return t.isPunct(i, '@') && t.isWord(i + 1)
				&& (i == 0 || t.isSpace(i - 1) || t.isPunct(i - 1) && t.punct(i - 1) != '.');
	}

	/** The last token of a URL starting at {@code i}, or -1. */
	private static int url(Tokens t, int i) {
		if (!t.isWord(i) || t.isPunct(i - 1, '.') || t.isPunct(i - 1, '@') || t.isPunct(i - 1, '/')
				|| t.isPunct(i - 1, '-')) {
			return -1;
		}
		boolean scheme = t.has(i, Lexicon.URL_SCHEME) && t.isPunct(i + 1, ':') && t.isPunct(i + 2, '/');
		boolean www = t.has(i, Lexicon.URL_SCHEME) && t.lower(i).equals("www") && t.isPunct(i + 1, '.');
		if (scheme || www) {
			return nonSpaceRun(t, i);
		}
		int last = hostEnd(t, i);
		if (last < 0) {
			return -1;
		}
		return t.isPunct(last + 1, '/') ? nonSpaceRun(t, last + 1) : last;
	}

	/** The last token of a host name {@code a.b.tld} starting at {@code i}, or -1. */
	private static int hostEnd(Tokens t, int i) {
		int j = i;
		int dots = 0;
		while (t.isWord(j) && t.end(j) - t.start(i) <= MAX_HOST) {
			if ((t.isPunct(j + 1, '.') || t.isPunct(j + 1, '-')) && t.isWord(j + 2)) {
				dots += t.isPunct(j + 1, '.') ? 1 : 0;
				j += 2;
			}
			else {
				break;
			}
		}
		boolean tld = t.has(j, Lexicon.TLD) && Character.isLowerCase(t.text.charAt(t.start(j)));
		if (dots == 0 || !tld || t.isPunct(j + 1, '@') || t.isNumber(i)) {
			return -1;
		}
		return j;
	}

	/**
	 * The last token before white space, a quote or a bracket, trailing punctuation left.
	 */
	private static int nonSpaceRun(Tokens t, int i) {
		int j = i;
		while (j + 1 < t.size() && !t.isSpace(j + 1) && t.end(j + 1) - t.start(i) <= MAX_URL
				&& !(t.isPunct(j + 1) && "\"'<>()[]{}".indexOf(t.punct(j + 1)) >= 0)) {
			j++;
		}
		while (j > i && t.isPunct(j) && ".,;:!?".indexOf(t.punct(j)) >= 0) {
			j--;
		}
		return j;
	}

	/** An e-mail address around the {@code @} or written-out "at" at {@code at}. */
	private static void email(Tokens t, int at, Findings findings) {
		boolean literal = t.isPunct(at, '@');
		int atEnd = literal ? at : atMarkerEnd(t, at);
		boolean bare = !literal && t.isWord(at);
		int before = literal ? at - 1 : t.skipSpaceBack(at - 1);
		int after = literal ? at + 1 : t.skipSpace(atEnd + 1);
		if (bare && t.isWord(after) && ARTICLES.contains(t.lower(after))) {
			return;
		}
		int first = localStart(t, before, literal);
		int last = domainEnd(t, after, literal, bare);
		if (first >= 0 && last >= 0) {
			findings.add(first, last, Kind.EMAIL);
		}
	}

	private static int localStart(Tokens t, int j, boolean literal) {
		int first = -1;
		int limit = t.isWord(j) ? t.end(j) - MAX_LOCAL : 0;
		while (t.isWord(j) && t.start(j) >= limit) {
			first = j;
			if (t.isPunct(j - 1) && "._%+-".indexOf(t.punct(j - 1)) >= 0 && t.isWord(j - 2)) {
				j -= 2;
				continue;
			}
			int marker = literal ? -1 : dotMarkerStart(t, t.skipSpaceBack(j - 1));
			if (marker < 0) {
				break;
			}
			j = t.skipSpaceBack(marker - 1);
		}
		return first;
	}

	private static int domainEnd(Tokens t, int j, boolean literal, boolean bare) {
		int last = -1;
		int dots = 0;
		int limit = t.isWord(j) ? t.start(j) + MAX_HOST : 0;
		while (t.isWord(j) && t.start(j) < limit) {
			last = j;
			if ((t.isPunct(j + 1, '.') || t.isPunct(j + 1, '-')) && t.isWord(j + 2)) {
				dots += t.isPunct(j + 1, '.') ? 1 : 0;
				j += 2;
				continue;
			}
			int marker = literal ? -1 : dotMarkerEnd(t, t.skipSpace(j + 1));
			if (marker < 0) {
				break;
			}
			dots++;
			j = t.skipSpace(marker + 1);
		}
		if (dots == 0 || (bare && !t.has(last, Lexicon.TLD))) {
			return -1;
		}
		return last;
	}

	/** The last token of a written-out "at" starting at {@code i}: (at), [at], " at ". */
	private static int atMarkerEnd(Tokens t, int i) {
		if (t.isWord(i)) {
			return (t.has(i, Lexicon.AT_DOT) && isWord(t, i, "at", "ät", "aet") && t.isSpace(i - 1) && t.isSpace(i + 1))
					? i : -1;
		}
		return bracketed(t, i, "at", "ät", "aet");
	}

	/** The last token of a written-out dot starting at {@code i}: "dot", "(dot)", ".". */
	private static int dotMarkerEnd(Tokens t, int i) {
		if (t.isWord(i)) {
			return isWord(t, i, "dot", "punkt", "") ? i : -1;
		}
		return bracketed(t, i, "dot", "punkt", "");
	}

	/** The first token of a written-out dot ending at {@code i}. */
	private static int dotMarkerStart(Tokens t, int i) {
		if (t.isWord(i)) {
			return isWord(t, i, "dot", "punkt", "") ? i : -1;
		}
		if (t.isPunct(i) && ")]}".indexOf(t.punct(i)) >= 0) {
			int word = t.skipSpaceBack(i - 1);
			int open = t.skipSpaceBack(word - 1);
			if (isWord(t, word, "dot", "punkt", "") && t.isPunct(open) && "([{".indexOf(t.punct(open)) >= 0) {
				return open;
			}
		}
		return -1;
	}

	private static int bracketed(Tokens t, int i, String a, String b, String c) {
		if (!t.isPunct(i) || "([{<".indexOf(t.punct(i)) < 0) {
			return -1;
		}
		int word = t.skipSpace(i + 1);
		int close = t.skipSpace(word + 1);
		boolean closed = t.isPunct(close) && ")]}>".indexOf(t.punct(close)) >= 0;
		return (isWord(t, word, a, b, c) && closed) ? close : -1;
	}

	private static boolean isWord(Tokens t, int i, String a, String b, String c) {
		if (!t.isWord(i) || t.length(i) > 5) {
			return false;
		}
		String word = t.lower(i);
		return word.equals(a) || word.equals(b) || word.equals(c);
	}

}
