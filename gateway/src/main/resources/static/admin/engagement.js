// The Engagement tab: active users and stickiness, new versus returning users, sessions, weekly
// retention cohorts and feature adoption, from /api/admin/analytics/{engagement,retention,features}.
// The console's helpers come in as `ui`, so this module depends on nothing but charts.js.

import { timeChart, pointsOf } from './charts.js';

const DAYS = 30;
const WEEKS = 8;

const day = (date) => date.toISOString().slice(0, 10);
const percent = (rows, key) => (rows || []).map((row) => [Date.parse(row.day ?? row.start), row[key] * 100]);

export function renderEngagement(ui) {
  const { h, show } = ui;
  const to = new Date();
  const from = new Date(to.getTime() - (DAYS - 1) * 24 * 3600 * 1000);
  const range = { from: day(from), to: day(to) };
  const cohortsFrom = new Date(to.getTime() - (WEEKS * 7 - 1) * 24 * 3600 * 1000);
  show(h('p', { class: 'muted' }, `UTC days ${range.from} to ${range.to}; cohorts by the ISO week of a user's first day.`),
    engagementPanel(ui, range), retentionPanel(ui, { from: day(cohortsFrom), to: range.to }), featuresPanel(ui, range));
}

function panel(ui, title, testid, load) {
  const { h, loading, errorBox } = ui;
  const heading = () => h('h2', {}, title);
  const box = h('div', { class: 'panel', 'data-testid': testid }, heading(), loading());
  load().then((nodes) => box.replaceChildren(heading(), ...nodes))
    .catch((error) => box.replaceChildren(heading(), errorBox(error)));
  return box;
}

function engagementPanel(ui, range) {
  const { h, api, query, fmt } = ui;
  return panel(ui, `Engagement, last ${DAYS} days`, 'engagement', async () => {
    const { data } = await api(`/admin/analytics/engagement${query(range)}`);
    const s = data.summary;
    const cards = [['Active users', fmt.num(s.activeUsers)], ['New users', fmt.num(s.newUsers)],
      ['Returning users', fmt.num(s.returningUsers)], ['Average stickiness', fmt.pct(s.averageStickiness * 100)],
      ['Sessions per user', fmt.num(s.sessionsPerUser, 2)], ['Median session', `${fmt.num(s.medianSessionSeconds, 1)} s`]];
    const days = data.days || [];
    return [
      h('div', { class: 'cards' }, cards.map(([label, value]) => h('div', { class: 'card' },
        h('div', { class: 'label' }, label), h('div', { class: 'value' }, value)))),
      h('div', { class: 'grid2' },
        timeChart({ title: 'Active users', unit: 'users', digits: 0, testid: 'chart-active-users', series: [
          { label: 'DAU', points: pointsOf(days, 'day', 'dau') },
          { label: 'WAU', points: pointsOf(days, 'day', 'wau') },
          { label: 'MAU', points: pointsOf(days, 'day', 'mau') }] }),
        timeChart({ title: 'Stickiness, DAU/MAU', unit: '%', digits: 1, testid: 'chart-stickiness',
          series: [{ label: 'Stickiness', points: percent(days, 'stickiness') }] }),
        timeChart({ title: 'New and returning users', unit: 'users', digits: 0, testid: 'chart-new-returning', series: [
          { label: 'New', points: pointsOf(days, 'day', 'newUsers') },
          { label: 'Returning', points: pointsOf(days, 'day', 'returningUsers') }] }),
        timeChart({ title: 'Sessions per user, by the day they started', unit: 'sessions', digits: 2,
          testid: 'chart-sessions-per-user', series: [{ label: 'Sessions per user', points: pointsOf(days, 'day', 'sessionsPerUser') }] }),
        timeChart({ title: 'Median session length', unit: 's', digits: 1, testid: 'chart-session-length',
          series: [{ label: 'Median', points: pointsOf(days, 'day', 'medianSessionSeconds') }] })),
    ];
  });
}

function retentionPanel(ui, range) {
  const { h, api, query, fmt, empty } = ui;
  return panel(ui, `Retention, weekly cohorts of the last ${WEEKS} weeks`, 'retention', async () => {
    const { data } = await api(`/admin/analytics/retention${query(range)}`);
    const cohorts = data.cohorts || [];
    if (!cohorts.length) return [empty('cohorts')];
    const weeks = Math.max(...cohorts.map((c) => c.retention.length));
    const head = h('tr', {}, h('th', {}, 'First week'), h('th', { class: 'num' }, 'Users'),
      Array.from({ length: weeks }, (_, n) => h('th', { class: 'num' }, `Week ${n}`)));
    const rows = cohorts.map((c) => h('tr', { 'data-week': c.week }, h('td', {}, c.week), h('td', { class: 'num' }, fmt.num(c.users)),
      Array.from({ length: weeks }, (_, n) => n < c.retention.length
        // shaded by the share through the CSSOM, as the page's policy asks
        ? h('td', { class: 'num cohort', 'data-week-n': n, title: `${fmt.num(c.active[n])} of ${fmt.num(c.users)} users`,
          style: `background: rgba(37,87,214,${0.05 + 0.6 * c.retention[n]})` }, fmt.pct(c.retention[n] * 100))
        : h('td', {}))));
    return [h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'retention-table' }, h('thead', {}, head), h('tbody', {}, rows))),
      h('p', { class: 'muted' }, 'Week N: the share of the cohort active in the Nth week after its first; the current week is partial.')];
  });
}

function featuresPanel(ui, range) {
  const { h, api, query, fmt, empty } = ui;
  return panel(ui, `Feature adoption, last ${DAYS} days`, 'features', async () => {
    const { data } = await api(`/admin/analytics/features${query({ ...range, step: 'day' })}`);
    const items = data.items || [];
    if (!items.length) return [empty('features (usage events with a feature)')];
    const table = h('table', { 'data-testid': 'features-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Feature'), h('th', { class: 'num' }, 'Users'), h('th', { class: 'num' }, 'Share of active users'))),
      h('tbody', {}, items.map((item) => h('tr', { 'data-feature': item.feature }, h('td', {}, item.feature),
        h('td', { class: 'num' }, fmt.num(item.users)), h('td', { class: 'num' }, fmt.pct(item.share * 100))))));
    return [h('p', { class: 'muted' }, `${fmt.num(data.activeUsers)} active users in the window.`), h('div', { class: 'table-wrap' }, table),
      timeChart({ title: 'Share of each day\'s active users (top 5 features)', unit: '%', digits: 1, testid: 'chart-features',
        series: items.slice(0, 5).map((item) => ({ label: item.feature, points: percent(item.series, 'share') })) })];
  });
}
