package com.xorstack.ailog.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The privacy corpus ({@code src/test/resources/privacy/corpus.json}): AI answers in
 * English and German with identifiers of every Safe Harbor type, and clinical text that
 * must come back unchanged. {@link #evaluate} scores what a path stored for each case.
 */
public final class RedactionCorpus {

	public record Case(String id, String type, String lang, String text, List<String> identifiers, List<String> keep) {

		public boolean clinical() {
			return this.type.equals("CLINICAL");
		}

	}

	/**
	 * What survived of one case: identifiers that should not have, keeps that should
	 * have.
	 */
	public record Outcome(Case item, String stored, List<String> leaked, List<String> lost) {

		public boolean clean() {
			return this.leaked.isEmpty() && (!this.item.clinical() || this.stored.equals(this.item.text()))
					&& this.lost.isEmpty();
		}

	}

	private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Ms", "Dr", "Prof", "Frau", "Herr", "Miss");

	private RedactionCorpus() {
	}

	/** The corpus the rules were tuned on. */
	public static List<Case> cases() {
		return cases("/privacy/corpus.json");
	}

	/**
	 * A corpus on the class path: {@code /privacy/corpus.json} or
	 * {@code /privacy/holdout.json}.
	 */
	public static List<Case> cases(String resource) {
		try (InputStream in = RedactionCorpus.class.getResourceAsStream(resource)) {
			JsonNode root = JsonMapper.shared().readTree(in);
			List<Case> cases = new ArrayList<>();
			for (JsonNode item : root.get("cases")) {
				cases.add(new Case(item.get("id").stringValue(), item.get("type").stringValue(),
						item.get("lang").stringValue(), item.get("text").stringValue(),
						strings(item.get("identifiers")), strings(item.get("keep"))));
			}
			return cases;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		if (array != null) {
			array.values().forEach((value) -> values.add(value.stringValue()));
		}
		return values;
	}

	public static List<Outcome> evaluate(List<Case> cases, Function<Case, String> stored) {
		List<Outcome> outcomes = new ArrayList<>();
		for (Case item : cases) {
			String text = stored.apply(item);
			String seen = normal(text);
			String digits = digits(seen);
			List<String> leaked = new ArrayList<>();
			for (String identifier : item.identifiers()) {
				String normal = normal(identifier);
				String identifierDigits = digits(normal);
				if (seen.contains(normal) || (identifierDigits.length() >= 6 && digits.contains(identifierDigits))
						|| (item.type().equals("NAME") && nameWordLeft(normal, withoutKeeps(seen, item.keep())))) {
					leaked.add(identifier);
				}
			}
			List<String> lost = item.keep().stream().filter((keep) -> !text.contains(keep)).toList();
			outcomes.add(new Outcome(item, text, leaked, lost));
		}
		return outcomes;
	}

	/**
	 * Recall per identifier type (cases with nothing leaked) and the share of clinical
	 * cases stored unchanged, as a table; written to {@code target/} too.
	 */
	public static String report(String path, List<Outcome> outcomes) {
		Map<String, int[]> byType = new TreeMap<>();
		for (Outcome outcome : outcomes) {
			int[] counts = byType.computeIfAbsent(outcome.item().type(), (type) -> new int[2]);
			counts[0]++;
			counts[1] += outcome.clean() ? 1 : 0;
		}
		StringBuilder report = new StringBuilder("Privacy corpus, " + path + ": " + outcomes.size() + " cases\n");
		report.append(String.format("%-12s %6s %6s %8s%n", "type", "cases", "clean", "share"));
		byType.forEach((type, counts) -> report.append(
				String.format("%-12s %6d %6d %7.1f%%%n", type, counts[0], counts[1], 100.0 * counts[1] / counts[0])));
		outcomes.stream()
			.filter((outcome) -> !outcome.clean())
			.forEach((outcome) -> report.append("  ")
				.append(outcome.item().id())
				.append(": leaked ")
				.append(outcome.leaked())
				.append(", lost ")
				.append(outcome.lost())
				.append(" -> ")
				.append(outcome.stored())
				.append('\n'));
		try {
			Path file = Path.of("target", "privacy-corpus-" + path + ".txt");
			Files.createDirectories(file.getParent());
			Files.writeString(file, report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return report.toString();
	}

	/**
	 * Whether a word of a name (capitalised, not a title) still stands as a word in the
	 * text: removing "Jane" from "Jane Doe" must not count as removing the name.
	 */
	private static boolean nameWordLeft(String name, String text) {
		for (String word : name.split("[\\s,.]+")) {
			if (word.length() >= 2 && Character.isUpperCase(word.charAt(0)) && !TITLES.contains(word)
					&& Pattern.compile("(?<![\\p{L}])" + Pattern.quote(word) + "(?![\\p{L}])").matcher(text).find()) {
				return true;
			}
		}
		return false;
	}

	/** The text without what must stay: "Will it raise" is no leak of Will Turner. */
	private static String withoutKeeps(String text, List<String> keeps) {
		String rest = text;
		for (String keep : keeps) {
			rest = rest.replace(normal(keep), " ");
		}
		return rest;
	}

	/**
	 * NFKC with format characters gone: how a reader (or a script) would see the text.
	 */
	static String normal(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\p{Cf}", "");
	}

	private static String digits(String text) {
		return text.replaceAll("[^0-9]", "");
	}

}
