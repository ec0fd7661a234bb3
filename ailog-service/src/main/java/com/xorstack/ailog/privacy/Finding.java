package com.xorstack.ailog.privacy;

/**
 * A range {@code [start, end)} of the normalised text to replace by the placeholder of
 * its kind, followed by {@code kept}: what of it may stay, such as the year of a date.
 */
record Finding(int start, int end, Kind kind, String kept) {

	Finding(int start, int end, Kind kind) {
		this(start, end, kind, "");
	}

	String replacement() {
		return this.kept.isEmpty() ? this.kind.placeholder() : this.kind.placeholder() + " " + this.kept;
	}

}
