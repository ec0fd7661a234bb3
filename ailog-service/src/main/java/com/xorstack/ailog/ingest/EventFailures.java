package com.xorstack.ailog.ingest;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What the ingest does with a {@code Throwable} that one event caused. Parsing,
 * validating and redacting run on whatever an event holds, so anything they throw, an
 * {@code Error} too (a pattern's recursion overflowing the stack on an answer that lists
 * hundreds of numbers), is that event's problem: it is refused, and the others go on.
 */
public final class EventFailures {

	private static final Logger log = LoggerFactory.getLogger(EventFailures.class);

	private EventFailures() {
	}

	/**
	 * Whether {@code failure} is one of the JVM's own ({@code OutOfMemoryError},
	 * {@code InternalError}), to be passed on rather than blamed on the event: the event
	 * is not at fault, and refusing it would lose a good one to a memory shortage. Our
	 * images run with {@code -XX:+ExitOnOutOfMemoryError}, the pod is restarted, and the
	 * unacknowledged batch comes again. {@code StackOverflowError} is the exception:
	 * input causes it (deep recursion in a pattern or a parser), and once it is caught
	 * the thread's stack is unwound and the thread as good as before.
	 */
	public static boolean fatal(Throwable failure) {
		return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
	}

	/** Class and message, for a dead-letter header, a log or a rejection. */
	static String describe(Throwable failure) {
		return failure.getClass().getName() + ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
	}

	/**
	 * The event validated; should validation throw, the event is rejected as a whole,
	 * under the field {@code event}, and the rest of its batch is stored.
	 */
	public static Validated validate(CallValidator validator, JsonNode event) {
		try {
			return validator.validate(event);
		}
		catch (Throwable failure) {
			if (fatal(failure)) {
				throw failure;
			}
			// its stack trace would be thousands of frames of the same pattern
			log.warn("Validating an event failed, it is rejected: {}", describe(failure));
			return Validated.invalid(List.of(new FieldProblem("event",
					"could not be validated (" + failure.getClass().getSimpleName() + "); it was not stored")));
		}
	}

}
