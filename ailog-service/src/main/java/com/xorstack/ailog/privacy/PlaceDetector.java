package com.xorstack.ailog.privacy;

import java.util.Set;

/**
 * Places smaller than a state: street addresses ({@code 742 Evergreen Terrace},
 * {@code Hauptstraße 12}, {@code Am Markt 3}) with what follows them (apartment, city,
 * ZIP code), apartment and box numbers, ZIP codes after a state code or a word such as
 * "PLZ", a German postcode with its city, and known cities after a word such as "in".
 */
final class PlaceDetector implements Detector {

	static final Set<String> STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID",
			"IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
			"NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
			"WI", "WY", "DC");

	private static final String[] GERMAN_STREETS = { "straße", "strasse", "str", "weg", "allee", "platz", "gasse",
			"ring", "damm", "ufer", "chaussee", "pfad", "steig" };

	private static final Set<String> GERMAN_PREFIXES = Set.of("am", "im", "an", "auf", "zum", "zur");

	/** Words that announce an address, so that "Am Markt 3" is one and "Am Tag 3" not. */
	private static final Set<String> ADDRESS_CUES = Set.of("wohnt", "wohnhaft", "lebt", "anschrift", "adresse",
			"address", "lives", "resides", "located", "at", "bei");

	private static final Set<String> DIRECTIONS = Set.of("N", "S", "E", "W", "NE", "NW", "SE", "SW");

	private static final Set<String> BUILDING = Set.of("hinterhaus", "vorderhaus", "seitenflügel", "gartenhaus", "rear",
			"basement");

	/** Words after which a capitalised word is a place, whatever it is. */
	private static final Set<String> PLACE_WORDS = Set.of("wohnort", "ortsteil", "stadtteil", "heimatort", "hometown",
			"location", "standort", "neighborhood", "neighbourhood", "suburb", "stadt", "town", "city", "ort");

	private static final Set<String> ZIP_WORDS = Set.of("zip", "plz", "postleitzahl", "postcode", "postal");

	@Override
	public void find(Tokens t, Findings findings) {
		for (int i = 0; i < t.size(); i++) {
			if (t.isPlain(i) || findings.isTaken(i) || !t.isWord(i)) {
				continue;
			}
			int last = street(t, i);
			Kind kind = Kind.ADDRESS;
			if (last < 0) {
				last = postcode(t, i);
			}
			if (last >= 0) {
				last = continuation(t, last);
			}
			else if ((last = unitOrZip(t, i)) < 0) {
				last = City.district(t, Math.max(Math.max(City.at(t, i, false), region(t, i)), named(t, i)));
				kind = Kind.LOCATION;
			}
			if (last >= i) {
				findings.add(i, last, kind);
				i = last;
			}
		}
	}

	/**
	 * A German postcode and its city ({@code 10115 Berlin}): the city's last token, or
	 * -1.
	 */
	private static int postcode(Tokens t, int i) {
		if (!t.isNumber(i) || t.length(i) != 5 || !t.isInlineSpace(i + 1)) {
			return -1;
		}
		int city = City.at(t, i + 2, true);
		return (city >= 0) ? City.district(t, city) : -1;
	}

	/**
	 * A place named after a word that can only announce one ("Wohnort Wolgast", "Ortsteil
	 * Gostenhof", "location (Prescott Valley"), known or not: one or two capitalised
	 * words.
	 */
	private static int named(Tokens t, int i) {
		int allowed = Lexicon.CITY | Lexicon.GIVEN | Lexicon.SURNAME;
		if (!t.isCapitalized(i) || t.has(i, ~allowed)) {
			return -1;
		}
		int before = t.skipSpaceBack(i - 1);
		before = (t.isPunct(before, ':') || t.isPunct(before, '(')) ? t.skipSpaceBack(before - 1) : before;
		if (!t.has(before, Lexicon.PLACE_WORD) || !PLACE_WORDS.contains(t.lower(before))) {
			return -1;
		}
		boolean two = t.isInlineSpace(i + 1) && t.isCapitalized(i + 2) && !t.has(i + 2, ~allowed);
		return two ? i + 2 : i;
	}

	/** A county or district: {@code Cook County}, {@code Landkreis Göttingen}. */
	private static int region(Tokens t, int i) {
		if (!t.isCapitalized(i) || !t.isInlineSpace(i + 1) || !t.isWord(i + 2)
				|| !t.has(i, Lexicon.PLACE_WORD) && !t.has(i + 2, Lexicon.PLACE_WORD)) {
			return -1;
		}
		String next = t.lower(i + 2);
		if (next.equals("county") || next.equals("parish")) {
			return i + 2;
		}
		String word = t.lower(i);
		boolean district = word.equals("landkreis") || word.equals("kreis") || word.equals("bezirk")
				|| word.equals("county");
		return (district && t.isCapitalized(i + 2)) ? City.district(t, i + 2) : -1;
	}

	/** The last token of a street address starting at {@code i}, or -1. */
	private static int street(Tokens t, int i) {
		int named = namedStreet(t, i);
		if (named >= 0) {
			return named;
		}
		if (houseNumber(t, i) && t.isSpace(i + 1)) {
			int j = i + 2;
			if (t.isWord(j) && DIRECTIONS.contains(t.word(j)) && t.isPunct(j + 1, '.') && t.isInlineSpace(j + 2)) {
				j += 3;
			}
			for (int words = 0; words < 4 && t.isCapitalized(j); words++) {
				if (t.has(j, Lexicon.STREET) && words > 0) {
					int last = t.isPunct(j + 1, '.') ? j + 1 : j;
					boolean direction = t.isSpace(last + 1) && t.isWord(last + 2)
							&& DIRECTIONS.contains(t.word(last + 2));
					return direction ? last + 2 : last;
				}
				j = t.isInlineSpace(j + 1) ? j + 2 : -1;
				if (j < 0) {
					break;
				}
			}
		}
		if (!t.isWord(i) || t.digits(i) > 0) {
			return -1;
		}
		int name = i;
		if (t.has(i, Lexicon.PLACE_WORD) && GERMAN_PREFIXES.contains(t.lower(i)) && t.isSpace(i + 1)) {
			name = i + 2;
			if (t.isWord(name) && !t.isCapitalized(name) && t.length(name) == 3 && t.isSpace(name + 1)) {
				name += 2;
			}
			if (t.isCapitalized(name) && t.isInlineSpace(name + 1) && t.isCapitalized(name + 2)) {
				name += 2;
			}
			int number = t.isSpace(name + 1) ? name + 2 : -1;
			boolean postcode = t.isPunct(number + 1, ',') && t.isSpace(number + 2) && t.isNumber(number + 3)
					&& t.length(number + 3) == 5;
			boolean cued = addressCue(t, i);
			boolean address = number > 0 && houseNumber(t, number) && (postcode || cued);
			return (t.isCapitalized(name) && address) ? number : -1;
		}
		if (!t.isCapitalized(i)) {
			return -1;
		}
		int compound = i;
		for (int parts = 0; parts < 4 && t.isPunct(compound + 1, '-') && t.isCapitalized(compound + 2); parts++) {
			compound += 2;
		}
		if (compound > i && (germanStreet(t, compound) || t.has(compound, Lexicon.STREET))) {
			return numbered(t, compound);
		}
		int streetWord = germanStreet(t, i) ? i
				: (t.isSpace(i + 1) && t.has(i + 2, Lexicon.STREET) && t.isCapitalized(i + 2)) ? i + 2 : -1;
		return (streetWord < 0) ? -1 : numbered(t, streetWord);
	}

	/**
	 * A street named without a number: an ordinal or capitalised words before a street
	 * word written out ({@code 5th Avenue}, {@code Baker Street}, {@code Lindenstraße} is
	 * not enough alone).
	 */
	private static int namedStreet(Tokens t, int i) {
		boolean ordinal = t.isWord(i) && t.digits(i) > 0 && t.digits(i) <= 3 && t.length(i) == t.digits(i) + 2
				&& (Lexicon.get().flags(t.word(i).substring(t.digits(i)).toLowerCase()) & Lexicon.ORDINAL) != 0;
		if (!(ordinal || t.isCapitalized(i)) || !t.isInlineSpace(i + 1)) {
			return -1;
		}
		int next = i + 2;
		boolean written = t.isCapitalized(next) && t.length(next) >= 4 && t.has(next, Lexicon.STREET)
				&& !t.isPunct(next + 1, '.');
		return (written && (ordinal || !t.has(i, Lexicon.TITLE | Lexicon.COMMON))) ? next : -1;
	}

	/** The street word's house number after it, or -1. */
	private static int numbered(Tokens t, int streetWord) {
		int after = t.isPunct(streetWord + 1, '.') ? streetWord + 2 : streetWord + 1;
		if (!t.isSpace(after) || !houseNumber(t, after + 1)) {
			return -1;
		}
		int last = after + 1;
		return (t.isPunct(last + 1, '-') && t.isNumber(last + 2)) ? last + 2 : last;
	}

	/** "wohnt am", "Adresse:", "Lieferadresse gespeichert:": an address follows. */
	private static boolean addressCue(Tokens t, int i) {
		for (int j = i - 1, words = 0; j >= 0 && words < 3; j--) {
			if (t.isWord(j)) {
				String word = t.lower(j);
				if (ADDRESS_CUES.contains(word) || word.endsWith("adresse") || word.endsWith("address")
						|| word.endsWith("anschrift")) {
					return true;
				}
				words++;
			}
			else if (!t.isSpace(j) && !t.isPunct(j, ':')) {
				return false;
			}
		}
		return false;
	}

	private static boolean germanStreet(Tokens t, int i) {
		// every street suffix ends in one of these: most words are refused without a
		// string
		char last = Character.toLowerCase(t.text.charAt(t.end(i) - 1));
		if (t.length(i) < 5 || "egrzmd".indexOf(last) < 0) {
			return false;
		}
		String word = t.lower(i);
		for (String suffix : GERMAN_STREETS) {
			if (word.endsWith(suffix) && word.length() > suffix.length() + 2) {
				return true;
			}
		}
		return false;
	}

	private static boolean houseNumber(Tokens t, int i) {
		return t.isWord(i) && t.digits(i) >= 1 && t.digits(i) <= 5 && t.length(i) - t.digits(i) <= 1
				&& Character.isDigit(t.text.charAt(t.start(i)));
	}

	/**
	 * What follows an address: {@code , Apt 4B}, {@code , Springfield},
	 * {@code , IL 62704}.
	 */
	private static int continuation(Tokens t, int last) {
		for (int step = 0; step < 4; step++) {
			int comma = t.isPunct(last + 1, ',') ? last + 2 : last + 1;
			if (!t.isInlineSpace(comma)) {
				break;
			}
			int next = comma + 1;
			int end = unitOrZip(t, next);
			if (t.isAllCaps(next) && t.length(next) == 2 && t.isPunct(next + 1, '-') && t.isNumber(next + 2)) {
				next += 2;
			}
			if (end < 0 && t.has(next, Lexicon.PLACE_WORD) && BUILDING.contains(t.lower(next))) {
				end = next;
			}
			if (end < 0 && t.isNumber(next) && t.length(next) >= 4 && t.length(next) <= 5 && t.isSpace(next + 1)
					&& t.isCapitalized(next + 2)) {
				end = City.district(t, City.words(t, next + 2));
			}
			if (end < 0) {
				end = floor(t, next);
			}
			if (end < 0 && t.isPunct(last + 1, ',') && t.isCapitalized(next)) {
				end = City.words(t, next);
			}
			if (end < 0) {
				break;
			}
			last = end;
		}
		return last;
	}

	/** A floor: {@code 2. OG links}, {@code 3rd floor}. */
	private static int floor(Tokens t, int i) {
		int j = t.isPunct(i + 1, '.') ? i + 2 : i + 1;
		if (!t.isWord(i) || t.digits(i) == 0 || t.length(i) > 4 || !t.isInlineSpace(j) || !t.isWord(j + 1)) {
			return -1;
		}
		String word = t.lower(j + 1);
		if (!Set.of("og", "eg", "ug", "stock", "etage", "floor", "obergeschoss").contains(word)) {
			return -1;
		}
		int last = j + 1;
		boolean side = t.isInlineSpace(last + 1) && t.isWord(last + 2)
				&& Set.of("links", "rechts", "mitte", "left", "right").contains(t.lower(last + 2));
		return side ? last + 2 : last;
	}

	/** An apartment or box number, or a ZIP code after a state code or a ZIP word. */
	private static int unitOrZip(Tokens t, int i) {
		if (t.has(i, Lexicon.ADDRESS_UNIT) && t.isCapitalized(i)) {
			int j = (t.isPunct(i + 1, '.') || t.isPunct(i + 1, '#')) ? i + 2 : i + 1;
			j = t.isSpace(j) ? j + 1 : j;
			j = t.isPunct(j, '#') ? j + 1 : j;
			if (!t.isWord(j) || t.digits(j) == 0 || t.length(j) > 6) {
				return -1;
			}
			while (t.isInlineSpace(j + 1) && t.length(j + 1) == 1 && t.isNumber(j + 2) && t.length(j + 2) <= 3) {
				j += 2;
			}
			return j;
		}
		boolean state = t.length(i) == 2 && STATES.contains(t.word(i));
		boolean zipWord = t.has(i, Lexicon.PLACE_WORD) && ZIP_WORDS.contains(t.lower(i));
		if (!state && !zipWord) {
			return -1;
		}
		int j = t.skipSpace(i + 1);
		if (zipWord && t.isWord(j) && t.lower(j).equals("code")) {
			j = t.skipSpace(j + 1);
		}
		j = t.isPunct(j, ':') ? t.skipSpace(j + 1) : j;
		if (!t.isNumber(j) || t.length(j) < 4 || t.length(j) > 5) {
			return -1;
		}
		return (t.isPunct(j + 1, '-') && t.isNumber(j + 2) && t.length(j + 2) == 4) ? j + 2 : j;
	}

}
