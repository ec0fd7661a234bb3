-- Issue 23: engagement, retention and feature adoption. Aggregates are computed on read from
-- these per-user rows; no answer ever carries a user id.

-- The first UTC day each user was seen: new versus returning users and the weekly cohorts.
-- Filled from the days already recorded; a late event can only move a day earlier.
create table user_first_seen (
    user_id   text primary key,
    first_day date not null
);
insert into user_first_seen (user_id, first_day)
    select user_id, min(day) from daily_users group by user_id;
create index user_first_seen_first_day on user_first_seen (first_day);

-- A cohort's later weeks are read by user, not by day.
create index daily_users_user_day on daily_users (user_id, day);

-- Each session's first and last event and its user: sessions per user and session length.
-- Sessions before this migration have no start and are not counted.
create table session_spans (
    session_id text primary key,
    user_id    text,
    started_at timestamptz not null,
    last_seen  timestamptz not null
);
create index session_spans_started_at on session_spans (started_at);

-- Distinct users of each feature per UTC day, from usage events that name a feature.
create table daily_feature_users (
    day     date not null,
    feature text not null,
    user_id text not null,
    primary key (day, feature, user_id)
);
