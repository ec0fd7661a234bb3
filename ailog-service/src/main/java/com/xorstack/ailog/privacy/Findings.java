package com.xorstack.ailog.privacy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the detectors found in one text. A detector asks whether a token is already taken
 * so that, run in order, the more specific ones (an e-mail address, a date) win over the
 * general ones (a run of digits). Overlapping findings are merged when applied.
 */
final class Findings {

	private final Tokens tokens;

	private final List<Finding> found = new ArrayList<>();

	private final BitSet taken = new BitSet();

	Findings(Tokens tokens) {
		this.tokens = tokens;
	}

	/** Takes tokens {@code first} to {@code last}, both included, as {@code kind}. */
	void add(int first, int last, Kind kind) {
		add(first, last, kind, "");
	}

	void add(int first, int last, Kind kind, String kept) {
		this.found.add(new Finding(this.tokens.start(first), this.tokens.end(last), kind, kept));
		this.taken.set(first, last + 1);
	}

	/**
	 * Takes tokens that must stay as they are: a clinical code after its system's name.
	 */
	void keep(int first, int last) {
		this.taken.set(first, last + 1);
	}

	boolean isTaken(int token) {
		return token >= 0 && this.taken.get(token);
	}

	boolean isEmpty() {
		return this.found.isEmpty();
	}

	List<Finding> all() {
		return this.found;
	}

	/**
	 * The original text with each finding (of the kinds {@code applies} accepts)
	 * replaced, overlapping ones merged, and everything else as it came.
	 */
	String apply(String original, NormalizedText normalized, Predicate<Kind> applies) {
		List<Finding> sorted = new ArrayList<>(this.found.size());
		for (Finding finding : this.found) {
			if (applies.test(finding.kind())) {
				sorted.add(finding);
			}
		}
		if (sorted.isEmpty()) {
			return original;
		}
		sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::end, Comparator.reverseOrder()));
		StringBuilder out = new StringBuilder(original.length());
		int copied = 0;
		int i = 0;
		while (i < sorted.size()) {
			Finding first = sorted.get(i);
			int end = first.end();
			int next = i + 1;
			while (next < sorted.size() && sorted.get(next).start() < end) {
				end = Math.max(end, sorted.get(next).end());
				next++;
			}
			int from = normalized.originalStart(first.start());
			out.append(original, copied, from).append(first.replacement());
			copied = normalized.originalEnd(end);
			i = next;
		}
		return out.append(original, copied, original.length()).toString();
	}

}
