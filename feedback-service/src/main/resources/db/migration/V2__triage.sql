-- Full-text search of the triage list. 'english' stems ("crashes" finds "crash"); the column
-- is generated, so no code path can forget to update it.
alter table user_feedback
    add column search tsvector generated always as (
        to_tsvector('english', message || ' ' || coalesce(note, ''))
    ) stored;
create index user_feedback_search on user_feedback using gin (search);
-- the triage list without filters: everyone's feedback, newest first
create index user_feedback_newest on user_feedback (created_at desc, id desc);

-- Who changed what and when: one row per triage action, never updated.
create table feedback_triage (
    id                bigserial primary key,
    feedback_id       uuid        not null references user_feedback (id),
    actor             text        not null,
    previous_status   text        not null,
    status            text        not null,
    previous_priority text        not null,
    priority          text        not null,
    note_changed      boolean     not null,
    version           bigint      not null,
    triaged_at        timestamptz not null
);
create index feedback_triage_feedback on feedback_triage (feedback_id, id);
