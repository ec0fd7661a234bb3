package com.xorstack.ailog.privacy;

import java.text.Normalizer;

/**
 * The text detection reads: each code point in NFKC (full-width digits become ASCII
 * digits, ligatures letters), format characters such as zero-width spaces and soft
 * hyphens removed, and dashes and spaces of every kind made ASCII. Each character keeps
 * the range of the original it came from, so that a finding replaces the original text
 * and everything outside findings is stored exactly as it came ({@code 75 mg/m²} stays).
 * Code points are normalised one at a time: composition across code points matters to no
 * detector, and it keeps the mapping one range per character.
 */
final class NormalizedText {

	final String text;

	/** Where in the original each character of {@link #text} starts and ends. */
	private final int[] from;

	private final int[] to;

	private NormalizedText(String text, int[] from, int[] to) {
		this.text = text;
		this.from = from;
		this.to = to;
	}

	static NormalizedText of(String original) {
		int length = original.length();
		StringBuilder text = new StringBuilder(length);
		int[] from = new int[length + 8];
		int[] to = new int[length + 8];
		int i = 0;
		while (i < length) {
			int cp = original.codePointAt(i);
			int next = i + Character.charCount(cp);
			if (cp < 0x80) {
				from = room(from, text.length());
				to = room(to, text.length());
				from[text.length()] = i;
				to[text.length()] = next;
				text.append((char) cp);
			}
			else if (Character.getType(cp) != Character.FORMAT) {
				String normal = ascii(cp);
				for (int k = 0; k < normal.length(); k++) {
					from = room(from, text.length());
					to = room(to, text.length());
					from[text.length()] = i;
					to[text.length()] = next;
					text.append(normal.charAt(k));
				}
			}
			i = next;
		}
		return new NormalizedText(text.toString(), from, to);
	}

	private static String ascii(int cp) {
		if (Character.isSpaceChar(cp)) {
			return " ";
		}
		if (Character.getType(cp) == Character.DASH_PUNCTUATION || cp == 0x2212) {
			return "-";
		}
		String normal = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
		return normal.isEmpty() ? " " : normal;
	}

	private static int[] room(int[] array, int index) {
		if (index < array.length) {
			return array;
		}
		int[] larger = new int[array.length * 2];
		System.arraycopy(array, 0, larger, 0, array.length);
		return larger;
	}

	/** Where the normalised range {@code [start, end)} starts in the original. */
	int originalStart(int start) {
		return this.from[start];
	}

	/** Where the normalised range {@code [start, end)} ends in the original. */
	int originalEnd(int end) {
		return this.to[end - 1];
	}

}
