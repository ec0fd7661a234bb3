package com.xorstack.platform.archive;

/**
 * An archive could not be stored or did not read back as written; whatever it holds stays
 * where it was.
 */
public class ArchiveStoreException extends RuntimeException {

	ArchiveStoreException(String message) {
		super(message);
	}

	ArchiveStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
