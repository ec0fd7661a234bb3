package com.xorstack.ailog.privacy;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;

/**
 * A normalised text cut into tokens: words (runs of letters and digits), spaces (runs of
 * white space) and single punctuation characters. Each word carries its counts of digits
 * and letters and the {@link Lexicon} flags of its lower-case form, looked up once here,
 * so that detectors decide by bit tests and read each token a bounded number of times.
 */
final class Tokens {

	static final byte WORD = 1;

	static final byte SPACE = 2;

	static final byte PUNCT = 3;

	final String text;

	private int count;

	private byte[] kinds;

	private int[] starts;

	private int[] ends;

	private int[] digits;

	private int[] flags;

	/**
	 * Tokens no detector starts at: white space, and lower-case words of letters that the
	 * lexicon does not know, between white space and plain punctuation. Prose is mostly
	 * such words; skipping them keeps each detector's pass to the tokens that matter.
	 */
	private BitSet plain;

	/** Lower-case forms, made once: detectors ask for them again and again. */
	private String[] lowers;

	private Tokens(String text) {
		this.text = text;
		int capacity = Math.max(16, text.length() / 3);
		this.kinds = new byte[capacity];
		this.starts = new int[capacity];
		this.ends = new int[capacity];
		this.digits = new int[capacity];
		this.flags = new int[capacity];
		this.lowers = new String[capacity];
	}

	static Tokens of(String text, Lexicon lexicon) {
		Tokens tokens = new Tokens(text);
		int i = 0;
		int length = text.length();
		while (i < length) {
			char c = text.charAt(i);
			int start = i;
			if (isLetterOrDigit(c)) {
				int digitCount = 0;
				while (i < length && isLetterOrDigit(text.charAt(i))) {
					digitCount += (text.charAt(i) >= '0' && text.charAt(i) <= '9') ? 1 : 0;
					i++;
				}
				int flags = (digitCount < i - start) ? lexicon.flags(text, start, i) : 0;
				tokens.add(WORD, start, i, digitCount, flags);
			}
			else if (isWhitespace(c)) {
				while (i < length && isWhitespace(text.charAt(i))) {
					i++;
				}
				tokens.add(SPACE, start, i, 0, 0);
			}
			else {
				tokens.add(PUNCT, start, ++i, 0, 0);
			}
		}
		tokens.markPlain();
		return tokens;
	}

	// ASCII first: these run for every character of every event

	private static boolean isLetterOrDigit(char c) {
		if (c < 0x80) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		}
		return Character.isLetterOrDigit(c);
	}

	private static boolean isWhitespace(char c) {
		if (c < 0x80) {
			return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
		}
		return Character.isWhitespace(c);
	}

	private void markPlain() {
		this.plain = new BitSet(this.count);
		for (int i = 0; i < this.count; i++) {
			boolean plainWord = this.kinds[i] == WORD && this.flags[i] == 0 && this.digits[i] == 0
					&& !Character.isUpperCase(this.text.charAt(this.starts[i])) && quiet(i - 1) && quiet(i + 1);
			if (this.kinds[i] == SPACE || plainWord) {
				this.plain.set(i);
			}
		}
	}

	/**
	 * White space, the text's end, or punctuation that joins nothing: {@code , ; ! ?}, a
	 * final dot.
	 */
	private boolean quiet(int i) {
		if (i < 0 || i >= this.count || this.kinds[i] == SPACE) {
			return true;
		}
		char c = this.text.charAt(this.starts[i]);
		return this.kinds[i] == PUNCT
				&& (",;!?".indexOf(c) >= 0 || c == '.' && (i + 1 >= this.count || this.kinds[i + 1] == SPACE));
	}

	/** A token no detector starts at (see {@link #plain}). */
	boolean isPlain(int i) {
		return this.plain.get(i);
	}

	private void add(byte kind, int start, int end, int digitCount, int flagBits) {
		if (this.count == this.kinds.length) {
			int capacity = this.count * 2;
			this.kinds = Arrays.copyOf(this.kinds, capacity);
			this.starts = Arrays.copyOf(this.starts, capacity);
			this.ends = Arrays.copyOf(this.ends, capacity);
			this.digits = Arrays.copyOf(this.digits, capacity);
			this.flags = Arrays.copyOf(this.flags, capacity);
			this.lowers = Arrays.copyOf(this.lowers, capacity);
		}
		this.kinds[this.count] = kind;
		this.starts[this.count] = start;
		this.ends[this.count] = end;
		this.digits[this.count] = digitCount;
		this.flags[this.count] = flagBits;
		this.count++;
	}

	int size() {
		return this.count;
	}

	int start(int i) {
		return this.starts[i];
	}

	int end(int i) {
		return this.ends[i];
	}

	int length(int i) {
		return this.ends[i] - this.starts[i];
	}

	boolean isWord(int i) {
		return i >= 0 && i < this.count && this.kinds[i] == WORD;
	}

	boolean isSpace(int i) {
		return i >= 0 && i < this.count && this.kinds[i] == SPACE;
	}

	/** A space token holding no line break: words around it belong to one line. */
	boolean isInlineSpace(int i) {
		if (!isSpace(i)) {
			return false;
		}
		for (int k = this.starts[i]; k < this.ends[i]; k++) {
			if (this.text.charAt(k) == '\n') {
				return false;
			}
		}
		return true;
	}

	boolean isPunct(int i, char c) {
		return i >= 0 && i < this.count && this.kinds[i] == PUNCT && this.text.charAt(this.starts[i]) == c;
	}

	boolean isPunct(int i) {
		return i >= 0 && i < this.count && this.kinds[i] == PUNCT;
	}

	char punct(int i) {
		return isPunct(i) ? this.text.charAt(this.starts[i]) : 0;
	}

	/** A word of digits only. */
	boolean isNumber(int i) {
		return isWord(i) && this.digits[i] == length(i);
	}

	int digits(int i) {
		return isWord(i) ? this.digits[i] : 0;
	}

	boolean has(int i, int flag) {
		return isWord(i) && (this.flags[i] & flag) != 0;
	}

	/** A word that starts with an upper-case letter. */
	boolean isCapitalized(int i) {
		return isWord(i) && Character.isUpperCase(this.text.charAt(this.starts[i]));
	}

	/** A word of at least two letters, all upper case. */
	boolean isAllCaps(int i) {
		if (!isWord(i) || length(i) < 2 || this.digits[i] > 0) {
			return false;
		}
		for (int k = this.starts[i]; k < this.ends[i]; k++) {
			if (!Character.isUpperCase(this.text.charAt(k))) {
				return false;
			}
		}
		return true;
	}

	String word(int i) {
		return this.text.substring(this.starts[i], this.ends[i]);
	}

	String lower(int i) {
		String lower = this.lowers[i];
		if (lower == null) {
			lower = word(i).toLowerCase(Locale.ROOT);
			this.lowers[i] = lower;
		}
		return lower;
	}

	/** The value of a number of at most nine digits, else -1. */
	int value(int i) {
		if (!isNumber(i) || length(i) > 9) {
			return -1;
		}
		int value = 0;
		for (int k = this.starts[i]; k < this.ends[i]; k++) {
			value = value * 10 + (this.text.charAt(k) - '0');
		}
		return value;
	}

	/** The next token that is not a space, or {@code size()}. */
	int skipSpace(int i) {
		while (i < this.count && this.kinds[i] == SPACE) {
			i++;
		}
		return i;
	}

	/** The previous token that is not a space, or -1. */
	int skipSpaceBack(int i) {
		while (i >= 0 && this.kinds[i] == SPACE) {
			i--;
		}
		return i;
	}

}
