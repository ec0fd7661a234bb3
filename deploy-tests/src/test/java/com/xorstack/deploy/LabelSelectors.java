package com.xorstack.deploy;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) on a label
 * set.
 */
final class LabelSelectors {

	private LabelSelectors() {
	}

	/**
	 * Whether {@code selector} selects a pod with {@code labels}; an empty one selects
	 * all.
	 */
	static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
		for (Map.Entry<String, Object> entry : Repo.map(selector.get("matchLabels")).entrySet()) {
			if (!String.valueOf(entry.getValue()).equals(String.valueOf(labels.get(entry.getKey())))) {
				return false;
			}
		}
		for (Object entry : Repo.list(selector.get("matchExpressions"))) {
			Map<String, Object> expression = Repo.map(entry);
			String key = String.valueOf(expression.get("key"));
			List<String> values = Repo.list(expression.get("values")).stream().map(String::valueOf).toList();
			boolean has = labels.containsKey(key);
			String value = String.valueOf(labels.get(key));
			boolean matches = switch (String.valueOf(expression.get("operator"))) {
				case "In" -> has && values.contains(value);
				case "NotIn" -> !has || !values.contains(value);
				case "Exists" -> has;
				case "DoesNotExist" -> !has;
				default -> throw new AssertionError("Unknown operator in " + expression);
			};
			if (!matches) {
				return false;
			}
		}
		return true;
	}

}
