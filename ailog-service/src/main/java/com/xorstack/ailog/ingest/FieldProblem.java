package com.xorstack.ailog.ingest;

/**
 * What is wrong with one field of an event, named as the event names it.
 */
public record FieldProblem(String field, String message) {

}
