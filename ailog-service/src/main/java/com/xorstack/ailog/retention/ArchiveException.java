package com.xorstack.ailog.retention;

/**
 * An archive could not be written, verified or restored; the partition or table is left
 * as it was.
 */
public class ArchiveException extends RuntimeException {

	ArchiveException(String message) {
		super(message);
	}

	ArchiveException(String message, Throwable cause) {
		super(message, cause);
	}

}
