/**
 * Cold storage of what retention takes out of a database: an S3-compatible bucket (any
 * store, through the AWS SDK's endpoint override) or a local directory, an uploader that
 * reads every object back against its SHA-256 before the caller may delete the data, and
 * the metrics the alerts of {@code deploy/prometheus/alert-rules.yml} read. Services that
 * archive add the AWS SDK's {@code s3} and {@code url-connection-client} to their
 * dependencies.
 */
@NullMarked
package com.xorstack.platform.archive;

import org.jspecify.annotations.NullMarked;
