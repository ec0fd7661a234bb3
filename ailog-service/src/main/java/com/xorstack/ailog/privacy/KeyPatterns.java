package com.xorstack.ailog.privacy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Attribute keys, exact or by prefix ({@code gen_ai.request.*}). */
final class KeyPatterns {

	private final Set<String> exact;

	private final List<String> prefixes;

	KeyPatterns(List<String> patterns) {
		this.exact = patterns.stream().filter((p) -> !p.endsWith(".*")).collect(Collectors.toUnmodifiableSet());
		this.prefixes = patterns.stream()
			.filter((p) -> p.endsWith(".*"))
			.map((p) -> p.substring(0, p.length() - 1))
			.toList();
	}

	boolean matches(String key) {
		if (this.exact.contains(key)) {
			return true;
		}
		for (String prefix : this.prefixes) {
			if (key.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
