/**
 * Who was active when: the last time each session was seen (active sessions), and the
 * distinct users and sessions of each UTC day (DAU, sessions per day), fed by gateway
 * requests, AI calls and usage events alike.
 */
@NullMarked
package com.xorstack.metrics.activity;

import org.jspecify.annotations.NullMarked;
