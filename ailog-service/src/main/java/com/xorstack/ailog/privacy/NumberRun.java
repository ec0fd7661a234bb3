package com.xorstack.ailog.privacy;

/**
 * Digit groups joined by single separators ({@code " "}, {@code -}, {@code .}, {@code /},
 * an area code in brackets), possibly after a {@code +}: the shape of phone, social
 * security, card and account numbers, and of lists and quantities that are none of these.
 * Read once from its first group; the caller goes on after {@link #last}.
 */
final class NumberRun {

	final int first;

	final int last;

	final int digits;

	final int groups;

	final boolean plus;

	final boolean brackets;

	/** Separators seen, as a set of the characters {@code " -./"}. */
	final String separators;

	final int longestGroup;

	final int firstGroupLength;

	final int lastGroupLength;

	/** Whether every group after the first has exactly three digits. */
	final boolean thousands;

	final boolean leadingZero;

	private NumberRun(int first, int last, int digits, int groups, boolean plus, boolean brackets, String separators,
			int longestGroup, int firstGroupLength, int lastGroupLength, boolean thousands, boolean leadingZero) {
		this.first = first;
		this.last = last;
		this.digits = digits;
		this.groups = groups;
		this.plus = plus;
		this.brackets = brackets;
		this.separators = separators;
		this.longestGroup = longestGroup;
		this.firstGroupLength = firstGroupLength;
		this.lastGroupLength = lastGroupLength;
		this.thousands = thousands;
		this.leadingZero = leadingZero;
	}

	/** The run whose first group is the number at {@code i} (or its bracket). */
	static NumberRun at(Tokens t, int i) {
		int first = i;
		boolean plus = t.isPunct(i - 1, '+');
		if (plus) {
			first = i - 1;
		}
		boolean brackets = false;
		int j = i;
		if (t.isPunct(i, '(')) {
			brackets = true;
			j = i + 1;
		}
		int digits = t.digits(j);
		int groups = 1;
		int longest = t.length(j);
		int firstLength = t.length(j);
		int lastLength = firstLength;
		boolean thousands = true;
		boolean leadingZero = t.text.charAt(t.start(j)) == '0';
		StringBuilder separators = new StringBuilder(4);
		if (brackets && t.isPunct(j + 1, ')')) {
			j++;
		}
		while (true) {
			int next = nextGroup(t, j);
			if (next < 0) {
				break;
			}
			char separator = separator(t, j + 1);
			if (separator != 0 && separators.indexOf(String.valueOf(separator)) < 0) {
				separators.append(separator);
			}
			boolean bracketed = t.isPunct(next - 1, '(');
			brackets |= bracketed;
			j = next;
			digits += t.digits(j);
			groups++;
			lastLength = t.length(j);
			longest = Math.max(longest, lastLength);
			thousands &= lastLength == 3;
			if (bracketed && t.isPunct(j + 1, ')')) {
				j++;
			}
		}
		return new NumberRun(first, j, digits, groups, plus, brackets, separators.toString(), longest, firstLength,
				lastLength, thousands && groups > 1, leadingZero);
	}

	/** The next group after the token {@code j}, or -1: one separator, then a number. */
	private static int nextGroup(Tokens t, int j) {
		int k = j + 1;
		if (separator(t, k) != 0) {
			k++;
		}
		if (t.isPunct(k, '(') && t.isNumber(k + 1) && t.isPunct(k + 2, ')')) {
			return k + 1;
		}
		if (k == j + 1 && !t.isPunct(j, ')')) {
			return -1;
		}
		return t.isNumber(k) ? k : -1;
	}

	private static char separator(Tokens t, int k) {
		if (t.isSpace(k)) {
			return (t.length(k) == 1 && t.text.charAt(t.start(k)) == ' ') ? ' ' : 0;
		}
		char c = t.punct(k);
		return (c == '-' || c == '.' || c == '/') ? c : 0;
	}

	boolean separatedOnlyBy(char separator) {
		return this.separators.length() == 1 && this.separators.charAt(0) == separator;
	}

}
