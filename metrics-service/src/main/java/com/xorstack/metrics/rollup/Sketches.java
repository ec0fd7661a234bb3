package com.xorstack.metrics.rollup;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import org.jspecify.annotations.Nullable;

/**
 * The one kind of sketch this service keeps: a DDSketch with a logarithmic index mapping
 * and 1 % relative accuracy, so any quantile it answers is within 1 % of the value of the
 * exact quantile's element, however many sketches were merged into it. The store
 * collapses its lowest bins past {@value #MAX_BINS}, which at 1 % covers values from
 * 0.001 ms to beyond a day: collapsing never touches the percentiles the dashboard shows.
 */
public final class Sketches {

	public static final double RELATIVE_ACCURACY = 0.01;

	static final int MAX_BINS = 2048;

	/**
	 * The quantiles each rollup row also keeps as columns ({@code p50_ms},
	 * {@code p95_ms}, {@code p99_ms}), answered by its own sketch.
	 */
	static final double[] STORED_QUANTILES = { 0.50, 0.95, 0.99 };

	private Sketches() {
	}

	public static DDSketch empty() {
		return DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
	}

	static byte[] encode(DDSketch sketch) {
		GrowingByteArrayOutput output = GrowingByteArrayOutput.withInitialCapacity(256);
		try {
			sketch.encode(output, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return output.trimmedCopy();
	}

	/**
	 * The stored column of a quantile, or {@code null} when rows do not keep that one.
	 */
	static @Nullable String storedColumn(double quantile) {
		for (double stored : STORED_QUANTILES) {
			if (stored == quantile) {
				return "p" + Math.round(quantile * 100) + "_ms";
			}
		}
		return null;
	}

	/**
	 * A quantile as the text the writer binds: exact (PostgreSQL reads back the same
	 * double), empty for an empty sketch.
	 */
	static String quantileText(DDSketch sketch, double quantile) {
		return sketch.isEmpty() ? "" : Double.toString(sketch.getValueAtQuantile(quantile));
	}

	/**
	 * Merges an encoded sketch into {@code target} without building another sketch.
	 * {@code encoded} may also be several encodings one after the other: decoding adds
	 * each one's counts, so they decode as their merge (PostgreSQL's {@code string_agg}
	 * of a bucket's sketches gives exactly that).
	 */
	static void mergeInto(DDSketch target, byte[] encoded) {
		try {
			target.decodeAndMergeWith(ByteArrayInput.wrap(encoded));
		}
		catch (IOException ex) {
			throw new IllegalStateException("A stored sketch cannot be decoded", ex);
		}
	}

}
