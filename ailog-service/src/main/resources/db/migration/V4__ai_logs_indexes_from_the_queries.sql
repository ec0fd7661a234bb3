-- Issue 26: the indexes of ai_logs are the ones the API's and the jobs' queries use (the queries,
-- their plans and each index's read benefit and write cost are in docs/BENCHMARKS.md, "AI-log
-- indexes"). Every index of ai_logs is written on every insert, so one no query uses only costs.
--
-- The primary key (id, occurred_at) led with the producer's random UUID: every insert landed on
-- a random page of an index as large as the day's partition, and no read used it (a log is found
-- by id through ai_log_ids, which gives its occurred_at, and then through ai_logs_time on both
-- columns). Uniqueness of the id is ai_log_ids' job (V1: a unique index here has to contain the
-- partition key and so could not enforce it anyway). ai_logs_time, (occurred_at, id), is now the
-- rows' key: time-ordered, so a sustained ingest of current calls writes near one end of it.
alter table ai_logs drop constraint ai_logs_pkey;

-- Not used by any plan: the model filter is "request_model = :model or response_model = :model",
-- which PostgreSQL answers from ai_logs_time (every model is a sixth of the calls or more); the
-- duplicates report reads the whole time range and sorts it by input_hash, without the index.
drop index ai_logs_request_model;
drop index ai_logs_response_model;
drop index ai_logs_input_hash;

-- status has two values: (status, occurred_at) for 'success' is ai_logs_time again. Only the
-- errors (one call in twenty) are worth an index, for the "errors, newest first" list, which
-- would otherwise read back through every call until it found fifty.
drop index ai_logs_status;
create index ai_logs_errors on ai_logs (occurred_at desc, id desc) where status = 'error';
