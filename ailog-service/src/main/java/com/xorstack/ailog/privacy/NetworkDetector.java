package com.xorstack.ailog.privacy;

/**
 * IP addresses (IPv4; IPv6 in full or compressed form, {@code ::1}, {@code fe80::1},
 * {@code ::ffff:10.0.0.1}; short IPv4 forms such as {@code 10.1} only after a word like
 * "IP") and device addresses: MAC addresses and UUIDs.
 */
final class NetworkDetector implements Detector {

	private static final int MAX_IPV6 = 45;

	@Override
	public void find(Tokens t, Findings findings) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i) || !(t.isWord(i) || t.isPunct(i, ':'))) {
				continue;
			}
			int end = ipv4(t, i, announced(t, i) ? 2 : 4);
			Kind kind = Kind.IP;
			if (end < 0) {
				end = ipv6(t, i);
			}
			if (end < 0) {
				end = mac(t, i);
				kind = Kind.DEVICE;
			}
			if (end < 0) {
				end = uuid(t, i);
				kind = Kind.ID;
			}
			if (end >= 0) {
				findings.add(i, end, kind);
				i = end;
			}
		}
	}

	/** Whether a word such as "IP" or "IP-Adresse" stands just before {@code i}. */
	private static boolean announced(Tokens t, int i) {
		for (int j = i - 1, words = 0; j >= 0 && words < 3; j--) {
			if (t.isWord(j)) {
				if (t.has(j, Lexicon.IP_CUE)) {
					return true;
				}
				words++;
			}
		}
		return false;
	}

	/** The last token of an IPv4 address of at least {@code parts} parts, or -1. */
	private static int ipv4(Tokens t, int i, int parts) {
		if (t.isPunct(i - 1, '.') || !octet(t, i)) {
			return -1;
		}
		int j = i;
		int count = 1;
		while (count < 4 && t.isPunct(j + 1, '.') && octet(t, j + 2)) {
			j += 2;
			count++;
		}
		boolean more = t.isPunct(j + 1, '.') && t.isNumber(j + 2);
		return (count >= parts && !more) ? j : -1;
	}

	private static boolean octet(Tokens t, int i) {
		return t.isNumber(i) && t.length(i) <= 3 && t.value(i) <= 255;
	}

	/**
	 * The last token of an IPv6 address: hex groups and colons, with seven colons or a
	 * {@code ::}, and at least one digit (so that neither a time nor a word is one).
	 */
	private static int ipv6(Tokens t, int i) {
		if (t.isPunct(i - 1, ':') || (t.isWord(i - 1))) {
			return -1;
		}
		int j = i;
		int colons = 0;
		boolean compressed = false;
		boolean digit = false;
		int last = -1;
		while (j < t.size() && t.end(j) - t.start(i) <= MAX_IPV6) {
			if (t.isPunct(j, ':')) {
				colons++;
				compressed |= t.isPunct(j - 1, ':') && j > i;
				compressed |= t.isPunct(j + 1, ':');
			}
			else if (hex(t, j)) {
				digit |= t.digits(j) > 0;
				last = j;
			}
			else {
				break;
			}
			j++;
		}
		if (last < 0 || !digit || !(colons == 7 || (compressed && colons >= 2))) {
			return -1;
		}
		int end = t.isPunct(j - 1, ':') ? j - 1 : last;
		int v4 = t.isPunct(end, ':') ? -1 : ipv4(t, end, 4);
		return (v4 > end && t.isPunct(end - 1, ':')) ? v4 : end;
	}

	/** A group of an IPv6 or MAC address: one to four hex digits. */
	private static boolean hex(Tokens t, int i) {
		return t.isWord(i) && t.length(i) <= 4 && allHex(t, i);
	}

	/** The last token of a MAC address {@code 00:1A:2B:3C:4D:5E} (or with dashes). */
	private static int mac(Tokens t, int i) {
		if (!hex(t, i) || t.length(i) != 2) {
			return -1;
		}
		char separator = t.punct(i + 1);
		if (separator != ':' && separator != '-') {
			return -1;
		}
		int j = i;
		for (int pair = 1; pair < 6; pair++) {
			if (!t.isPunct(j + 1, separator) || !hex(t, j + 2) || t.length(j + 2) != 2) {
				return -1;
			}
			j += 2;
		}
		return j;
	}

	/** The last token of a UUID {@code 8-4-4-4-12} hex digits. */
	private static int uuid(Tokens t, int i) {
		int[] lengths = { 8, 4, 4, 4, 12 };
		int j = i;
		for (int part = 0; part < lengths.length; part++) {
			if (!t.isWord(j) || t.length(j) != lengths[part] || !allHex(t, j)) {
				return -1;
			}
			if (part < lengths.length - 1) {
				if (!t.isPunct(j + 1, '-')) {
					return -1;
				}
				j += 2;
			}
		}
		return j;
	}

	private static boolean allHex(Tokens t, int i) {
		for (int k = t.start(i); k < t.end(i); k++) {
			if (Character.digit(t.text.charAt(k), 16) < 0) {
				return false;
			}
		}
		return true;
	}

}
