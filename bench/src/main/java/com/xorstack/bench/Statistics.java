package com.xorstack.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

final class Statistics {

	private Statistics() {
	}

	static <T> double median(List<T> items, ToDoubleFunction<T> value) {
		double[] values = items.stream().mapToDouble(value).sorted().toArray();
		if (values.length == 0) {
			return Double.NaN;
		}
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static String list(double[] values) {
		return Arrays.toString(values);
	}

}
