-- A rule may evaluate one alert instance per value of a label (route, function, model or
-- user); alert_state.group_key is that value ('' for a rule without groupBy).
alter table alert_rules add column group_by text;

-- What the receivers were last told about an instance (firing or resolved; none yet is
-- null), and its last change to firing or resolved: when the two differ and no silence
-- matches, the change is sent (at once, or when the silence that muted it ends).
alter table alert_state add column last_change text;
alter table alert_state add column last_history_id bigint;
alter table alert_state add column notified_state text;
-- Before this, every change was sent unless a silence muted it.
update alert_state s set last_change = l.to_state, last_history_id = l.id
    from (select distinct on (rule_id, group_key) id, rule_id, group_key, to_state from alert_history
          order by rule_id, group_key, id desc) l
    where l.rule_id = s.rule_id and l.group_key = s.group_key;
update alert_state s set notified_state = t.to_state
    from (select distinct on (rule_id, group_key) rule_id, group_key, to_state from alert_history
          where silenced_by is null order by rule_id, group_key, id desc) t
    where t.rule_id = s.rule_id and t.group_key = s.group_key;

-- One notification per rule and evaluation, listing every instance change it sends; one
-- delivery per notification and receiver.
create table alert_notifications (
    id         bigserial primary key,
    rule_id    uuid        not null,
    rule_name  text        not null,
    created_at timestamptz not null
);
alter table alert_history add column notification_id bigint references alert_notifications (id) on delete set null;
create index alert_history_notification on alert_history (notification_id) where notification_id is not null;

-- Deliveries made before grouping each become a notification of their one change.
insert into alert_notifications (id, rule_id, rule_name, created_at)
    select h.id, h.rule_id, h.rule_name, h.at from alert_history h
    where exists (select 1 from notification_deliveries d where d.history_id = h.id);
update alert_history h set notification_id = h.id
    where exists (select 1 from notification_deliveries d where d.history_id = h.id);
select setval(pg_get_serial_sequence('alert_notifications', 'id'),
    coalesce((select max(id) from alert_notifications), 0) + 1, false);

alter table notification_deliveries add column notification_id bigint
    references alert_notifications (id) on delete cascade;
update notification_deliveries set notification_id = history_id;
alter table notification_deliveries alter column notification_id set not null;
alter table notification_deliveries drop column history_id;
alter table notification_deliveries add constraint notification_deliveries_once unique (notification_id, receiver_key);
