-- Retention's anchors are signed with the chain key, like the anchored head: someone who
-- can write the database can no longer drop a month of the log and leave an anchor of
-- their own that makes the rest verify. Anchors written before this (none outlive a
-- chain key: the first expiry is two years after the first row) have no signature and
-- fail verify, which names them.
alter table audit_anchor add column chain_version int, add column signature text;
