/**
 * What admins read: the AI logs with filters and keyset pagination, one log by id, stats
 * per function or model, and the most repeated prompts.
 */
@NullMarked
package com.xorstack.ailog.query;

import org.jspecify.annotations.NullMarked;
