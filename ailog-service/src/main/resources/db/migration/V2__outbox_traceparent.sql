-- The outbox's shape gained the W3C traceparent of the appending request (platform db/outbox.sql):
-- the relay reads it and continues that trace on the Kafka record. Rows written by the ingest
-- itself leave it null: an AI call's own trace id travels in the event data.
alter table outbox add column traceparent text;
