package com.xorstack.ailog.privacy;

/**
 * Finds one family of identifiers in a tokenised text. An implementation reads each token
 * a bounded number of times (its look-ahead and look-behind are bounded by constants, and
 * a run it consumed is not read again), which keeps redaction linear in the text.
 */
interface Detector {

	void find(Tokens tokens, Findings findings);

}
