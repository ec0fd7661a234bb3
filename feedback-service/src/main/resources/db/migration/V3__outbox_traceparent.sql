-- The W3C traceparent of the request that appended the event: the relay sends the event later,
-- outside that request, and puts it on the Kafka record so that consumers continue the same trace.
alter table outbox add column traceparent text;
