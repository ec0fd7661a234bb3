// The Xorstack admin console. Plain ES modules, no framework and no CDN: the page talks only to
// the gateway's /bff endpoints with its session cookie and the CSRF header; it never sees a token.

import { timeChart, pointsOf } from './charts.js';
import { renderEngagement } from './engagement.js';
import { databasePanel } from './database.js';
import { renderErrors } from './errors.js';
import { reportErrors } from './report-errors.js';

const API = '/bff/api';

// ---- tiny DOM helpers: text is always set as text, never parsed as HTML ----------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    // through the CSSOM, which the page's policy allows; a style attribute it refuses
    else if (key === 'style') el.style.cssText = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}
const view = () => document.getElementById('view');
function show(...nodes) { view().replaceChildren(...nodes); }
const loading = () => h('p', { class: 'state' }, 'Loading…');
const empty = (what) => h('p', { class: 'state', 'data-testid': 'empty' }, `No ${what} yet.`);
const fmt = {
  num: (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : Number(v).toLocaleString(undefined, { maximumFractionDigits: digits }),
  ms: (v) => (v === null || v === undefined) ? '–' : `${fmt.num(v, v < 10 ? 2 : 0)} ms`,
  pct: (v) => (v === null || v === undefined) ? '–' : `${fmt.num(v, 2)} %`,
  usd: (v) => (v === null || v === undefined) ? '–' : `$${Number(v).toFixed(4)}`,
  time: (v) => v ? new Date(v).toLocaleString() : '–',
  bytes: (v) => {
    if (v === null || v === undefined) return '–';
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let value = Number(v);
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    return `${fmt.num(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
  },
};

// ---- trace links -------------------------------------------------------------------------------
// The deployment's trace page, {traceId} in it (XORSTACK_TRACE_UI_URL, from /bff/session): Zipkin
// locally, Jaeger deployed. Another origin, so a plain link: the policy limits what this page
// loads and calls, not where a person may go.
let traceUiUrl = null;
const TRACE_ID = /^[0-9a-f]{32}$/;

/** A trace id as a link to its trace, or as text when no trace UI is set; '–' without one. */
function traceLink(traceId) {
  if (!traceId) return '–';
  if (!traceUiUrl || !TRACE_ID.test(traceId)) return h('code', { title: traceId }, traceId.slice(0, 8));
  return h('a', { href: traceUiUrl.replace('{traceId}', traceId), target: '_blank', rel: 'noopener noreferrer',
    title: `Trace ${traceId}`, 'data-testid': 'trace-link', 'data-trace-id': traceId }, h('code', {}, traceId.slice(0, 8)));
}

// ---- the API, through the gateway's backend-for-frontend -------------------------------------
// The session's CSRF token, from /bff/session: bound to the session, so a cookie someone
// else set for this host cannot stand in for it.
let csrfToken = '';

class ProblemError extends Error {
  constructor(status, problem) {
    const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
    super([problem.title || `HTTP ${status}`, problem.detail, fields].filter(Boolean).join(' — '));
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(API + path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'X-XSRF-TOKEN': csrfToken } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    window.location.assign('/admin/');
    throw new ProblemError(401, { title: 'Signed out', detail: 'Signing in again…' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ProblemError(response.status, data || {});
  return { data, etag: response.headers.get('ETag') };
}

function errorBox(error) {
  return h('div', { class: 'error', role: 'alert', 'data-testid': 'error' }, error.message || String(error));
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const s = search.toString();
  return s ? `?${s}` : '';
}

// A cursor-paged table: load(cursor) answers {items, nextCursor}.
function pagedTable({ columns, load, rowKey, what }) {
  const body = h('div', {}, loading());
  const history = [];
  let current = null;
  async function go(cursor) {
    body.replaceChildren(loading());
    try {
      const page = await load(cursor);
      current = cursor;
      if (!page.items.length) { body.replaceChildren(empty(what)); return; }
      const table = h('table', {},
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.num ? 'num' : null }, c.title)))),
        h('tbody', {}, page.items.map((item) => h('tr', { 'data-key': rowKey ? rowKey(item) : null },
          columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(item)))))));
      const pager = h('div', { class: 'pager' },
        h('button', { disabled: !history.length, onclick: () => go(history.pop()) }, 'Newer'),
        h('button', { disabled: !page.nextCursor, onclick: () => { history.push(current); go(page.nextCursor); } }, 'Older'));
      body.replaceChildren(h('div', { class: 'table-wrap' }, table), pager);
    } catch (error) {
      body.replaceChildren(errorBox(error));
    }
  }
  go(null);
  return { element: body, reload: () => go(current) };
}

function filterForm(fields, onApply) {
  const inputs = {};
  const form = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); onApply(values()); } },
    fields.map((f) => {
      const input = f.options
        ? h('select', { name: f.name }, h('option', { value: '' }, 'any'), f.options.map((o) => h('option', { value: o }, o)))
        : h('input', { name: f.name, type: f.type || 'text', placeholder: f.placeholder || '' });
      inputs[f.name] = input;
      return h('label', {}, f.label, input);
    }),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'));
  function values() {
    const out = {};
    for (const [name, input] of Object.entries(inputs)) {
      let value = input.value.trim();
      if (value && input.type === 'datetime-local') value = new Date(value).toISOString();
      out[name] = value;
    }
    return out;
  }
  return form;
}

// ---- tabs ---------------------------------------------------------------------------------------
const STATUSES = ['pending', 'reviewed', 'resolved'];
const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const CATEGORIES = ['bug', 'feature', 'question', 'general'];
const NEXT_STATUS = { pending: ['reviewed'], reviewed: ['resolved'], resolved: ['pending'] };

let closeStream = () => {};

const TABS = {
  overview: { title: 'Overview', roles: ['admin'], render: renderOverview },
  engagement: { title: 'Engagement', roles: ['admin'], render: () => renderEngagement({ h, api, show, loading, empty, errorBox, fmt, query }) },
  feedback: { title: 'Feedback', roles: ['admin', 'moderator'], render: renderFeedback },
  ailogs: { title: 'AI logs', roles: ['admin'], render: renderAiLogs },
  performance: { title: 'Performance', roles: ['admin'], render: renderPerformance },
  alerts: { title: 'Alerts', roles: ['admin'], render: renderAlerts },
  uptime: { title: 'Uptime', roles: ['admin'], render: renderUptime },
  errors: { title: 'Errors', roles: ['admin', 'moderator'], render: () => renderErrors({ h, show, api, query, loading, empty, errorBox, fmt, traceLink }) },
  users: { title: 'Users & roles', roles: ['admin'], render: renderUsers },
  audit: { title: 'Audit', roles: ['admin'], render: renderAudit },
};

function summaryCards(summary) {
  const cards = [
    ['Average AI latency', fmt.ms(summary.avgAiLatencyMs), 'avg-latency'],
    ['AI error rate', fmt.pct(summary.errorRatePercent), 'error-rate'],
    ['Total tokens', fmt.num(summary.totalTokens), 'total-tokens'],
    ['Active sessions', fmt.num(summary.activeSessions), 'active-sessions'],
  ];
  return cards.map(([label, value, id]) => h('div', { class: 'card', 'data-testid': `card-${id}` },
    h('div', { class: 'label' }, label), h('div', { class: 'value' }, value)));
}

const CHART_WINDOWS = {
  '15m': { span: 15 * 60 * 1000, step: '1m', label: 'last 15 min' },
  '1h': { span: 3600 * 1000, step: '1m', label: 'last hour' },
  '24h': { span: 24 * 3600 * 1000, step: '1h', label: 'last 24 h' },
  '7d': { span: 7 * 24 * 3600 * 1000, step: '1h', label: 'last 7 days' },
  '30d': { span: 30 * 24 * 3600 * 1000, step: '1h', label: 'last 30 days' },
};

function renderOverview() {
  const windowSelect = h('select', { 'aria-label': 'Window' }, ['15m', '1h', '24h', '7d', '30d'].map((w) => h('option', { value: w, selected: w === '1h' }, w)));
  const cards = h('div', { class: 'cards', 'data-testid': 'cards' }, loading());
  const status = h('p', { class: 'state', 'data-testid': 'stream-status' }, 'Connecting to the live stream…');
  const charts = h('div', { class: 'grid2' });
  const heatmap = h('div', { class: 'panel' }, h('h2', {}, 'Usage by hour of week'), loading());
  function connect() {
    closeStream();
    const source = new EventSource(`${API}/admin/dashboard/stream${query({ window: windowSelect.value })}`);
    // metrics-service names its events "summary" (heartbeats are comments)
    source.addEventListener('summary', (event) => {
      const summary = JSON.parse(event.data);
      cards.replaceChildren(...summaryCards(summary));
      status.textContent = `Live · updated ${new Date().toLocaleTimeString()}`;
    });
    source.onerror = () => { status.textContent = 'Live stream interrupted; reconnecting…'; };
    closeStream = () => source.close();
  }
  windowSelect.addEventListener('change', () => { connect(); loadCharts(); });
  let chartsShown = 0;
  async function loadCharts() {
    // the charts cover the window the cards show, a point per minute up to an hour and
    // per hour beyond (at most 720 points)
    const { span, step, label } = CHART_WINDOWS[windowSelect.value];
    const shown = ++chartsShown;
    const to = new Date();
    const from = new Date(to.getTime() - span);
    const metrics = [['ai.latency.avg_ms', 'AI latency (avg, ms)', 'ms'], ['ai.calls', 'AI calls', 'calls'], ['api.latency.p95_ms', 'API p95 (ms)', 'ms'], ['ai.tokens.total', 'Tokens', 'tokens']];
    charts.replaceChildren(...metrics.map(([metric, title, unit]) => {
      const heading = () => h('h2', {}, `${title}, ${label}`);
      const panel = h('div', { class: 'panel', 'data-testid': `chart-${metric}`, 'data-step': step }, heading(), loading());
      // a slower answer for a window no longer selected must not replace the newer chart
      const still = (render) => (value) => { if (shown === chartsShown) render(value); };
      api(`/admin/metrics/timeseries${query({ metric, from: from.toISOString(), to: to.toISOString(), step })}`)
        .then(still(({ data }) => panel.replaceChildren(heading(), timeChart({ unit, digits: unit === 'ms' ? 1 : 0,
          series: [{ label: title, points: pointsOf(data.points || [], 't', 'value') }] }))))
        .catch(still((error) => panel.replaceChildren(heading(), errorBox(error))));
      return panel;
    }));
    api('/admin/analytics/heatmap').then(({ data }) => heatmap.replaceChildren(h('h2', {}, 'Usage by hour of week'), heatmapGrid(data)))
      .catch((error) => heatmap.replaceChildren(h('h2', {}, 'Usage by hour of week'), errorBox(error)));
  }
  show(h('div', { class: 'filters' }, h('label', {}, 'Window', windowSelect)), status, cards, uptimeOverview(), charts, heatmap, usagePanel());
  connect();
  loadCharts();
}

/** The app's usage per UTC day over the last two weeks, newest first, and its AI calls by function and operation. */
function usagePanel() {
  const title = () => h('h2', {}, 'Usage, last 14 days (UTC)');
  const panel = h('div', { class: 'panel' }, title(), loading());
  const to = new Date();
  const from = new Date(to.getTime() - 13 * 24 * 3600 * 1000);
  const day = (d) => d.toISOString().slice(0, 10);
  const counts = (items, label) => items.length
    ? h('table', {}, h('tbody', {}, items.map((item) => h('tr', {}, h('td', {}, item[label]), h('td', { class: 'num' }, fmt.num(item.calls))))))
    : empty('AI calls');
  api(`/admin/analytics/usage${query({ from: day(from), to: day(to) })}`).then(({ data }) => {
    const columns = [['Day', 'day'], ['Active users', 'activeUsers'], ['Sessions', 'sessions'], ['AI calls', 'aiCalls'], ['Tasks completed', 'tasksCompleted'], ['Exports', 'exports']];
    panel.replaceChildren(title(), h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'usage-table' },
      h('thead', {}, h('tr', {}, columns.map(([t], i) => h('th', { class: i ? 'num' : null }, t)))),
      h('tbody', {}, [...(data.days || [])].reverse().map((row) => h('tr', { 'data-day': row.day },
        columns.map(([, key], i) => h('td', { class: i ? 'num' : null, 'data-key': key }, i ? fmt.num(row[key]) : row[key]))))))),
    h('div', { class: 'grid2' },
      h('div', {}, h('h3', {}, 'AI calls by function'), counts(data.aiCallsByFunction || [], 'functionName')),
      h('div', {}, h('h3', {}, 'AI calls by operation'), counts(data.aiCallsByOperation || [], 'operation'))));
  }).catch((error) => panel.replaceChildren(title(), errorBox(error)));
  return panel;
}

function heatmapGrid(data) {
  const cells = data.cells || data.items || [];
  if (!cells.length) return empty('usage');
  const counts = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.count ?? c.value ?? 0]));
  const max = Math.max(...counts.values(), 1);
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const grid = h('div', { class: 'heatmap', 'data-testid': 'heatmap' }, h('div'), Array.from({ length: 24 }, (_, hr) => h('div', { class: 'h' }, hr % 3 === 0 ? hr : '')));
  days.forEach((day, index) => {
    grid.append(h('div', { class: 'h' }, day));
    for (let hr = 0; hr < 24; hr++) {
      const count = counts.get(`${index + 1}:${hr}`) || 0;
      grid.append(h('div', { title: `${day} ${hr}:00 · ${count}`, style: `background: rgba(37,87,214,${0.08 + 0.92 * count / max})` }));
    }
  });
  return grid;
}

function renderFeedback() {
  const message = h('div');
  let filters = {};
  const table = () => pagedTable({
    what: 'feedback',
    rowKey: (f) => f.id,
    load: async (cursor) => (await api(`/admin/feedback${query({ ...filters, cursor, limit: 25 })}`)).data,
    columns: [
      { title: 'When', cell: (f) => fmt.time(f.createdAt) },
      { title: 'Category', cell: (f) => f.category },
      { title: 'Message', cell: (f) => h('span', { 'data-testid': 'feedback-message' }, f.message) },
      { title: 'Status', cell: (f) => h('span', { class: 'pill', 'data-testid': 'feedback-status' }, f.status) },
      { title: 'Priority', cell: (f) => prioritySelect(f) },
      { title: 'Trace', cell: (f) => traceLink(f.traceId) },
      { title: 'Action', cell: (f) => NEXT_STATUS[f.status].map((next) => h('button', { 'data-testid': `to-${next}`, onclick: () => triage(f, { status: next }) }, next === 'pending' ? 'Reopen' : `Mark ${next}`)) },
    ],
  });
  let paged = table();
  function prioritySelect(f) {
    return h('select', { 'aria-label': 'Priority', onchange: (e) => triage(f, { priority: e.target.value }) },
      PRIORITIES.map((p) => h('option', { value: p, selected: p === f.priority }, p)));
  }
  async function triage(f, change) {
    message.replaceChildren();
    try {
      await api(`/admin/feedback/${f.id}`, { method: 'PATCH', body: change, headers: { 'If-Match': `"${f.version}"` } });
      message.replaceChildren(h('div', { class: 'notice', 'data-testid': 'notice' }, 'Saved.'));
    } catch (error) {
      const conflict = error.status === 412;
      message.replaceChildren(errorBox(conflict ? new Error('Someone else changed this feedback meanwhile: the list shows their version now; apply your change again if it still holds.') : error));
    }
    paged.reload();
  }
  const form = filterForm([
    { name: 'status', label: 'Status', options: STATUSES },
    { name: 'category', label: 'Category', options: CATEGORIES },
    { name: 'priority', label: 'Priority', options: PRIORITIES },
    { name: 'q', label: 'Text', placeholder: 'words in the message' },
    { name: 'from', label: 'From', type: 'datetime-local' },
    { name: 'to', label: 'To', type: 'datetime-local' },
  ], (values) => { filters = values; paged = table(); container.replaceChildren(paged.element); });
  const container = h('div', {}, paged.element);
  const stats = h('div', { class: 'cards' });
  api('/admin/feedback/stats').then(({ data }) => {
    const status = Object.fromEntries(data.items.filter((g) => g.dimension === 'status').map((g) => [g.value, g.count]));
    stats.replaceChildren(
      ...STATUSES.map((s) => h('div', { class: 'card' }, h('div', { class: 'label' }, s), h('div', { class: 'value' }, fmt.num(status[s])))),
      h('div', { class: 'card' }, h('div', { class: 'label' }, 'Oldest pending'), h('div', { class: 'value' }, data.oldestPendingAgeSeconds == null ? '–' : `${Math.round(data.oldestPendingAgeSeconds / 3600)} h`)));
  }).catch((error) => stats.replaceChildren(errorBox(error)));
  show(stats, form, message, container);
}

function renderAiLogs() {
  let filters = {};
  const detail = h('div');
  const table = () => pagedTable({
    what: 'AI calls',
    rowKey: (l) => l.id,
    load: async (cursor) => (await api(`/admin/ai-logs${query({ ...filters, cursor, limit: 25 })}`)).data,
    columns: [
      { title: 'When', cell: (l) => fmt.time(l.occurredAt) },
      { title: 'Function', cell: (l) => l.functionName },
      { title: 'Model', cell: (l) => l.responseModel || l.requestModel || '–' },
      { title: 'Status', cell: (l) => h('span', { class: `pill ${l.status === 'error' ? 'bad' : 'ok'}` }, l.status) },
      { title: 'Duration', num: true, cell: (l) => fmt.ms(l.durationMs) },
      { title: 'Tokens', num: true, cell: (l) => fmt.num((l.inputTokens || 0) + (l.outputTokens || 0)) },
      { title: 'Trace', cell: (l) => traceLink(l.traceId) },
      { title: '', cell: (l) => h('button', { class: 'link', onclick: () => openDetail(l.id) }, 'Detail') },
    ],
  });
  async function openDetail(id) {
    detail.replaceChildren(loading());
    try {
      const { data } = await api(`/admin/ai-logs/${id}`);
      detail.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, `AI call ${id}`), h('pre', {}, JSON.stringify(data, null, 2))));
    } catch (error) { detail.replaceChildren(errorBox(error)); }
  }
  let paged = table();
  const container = h('div', {}, paged.element);
  const form = filterForm([
    { name: 'functionName', label: 'Function' }, { name: 'model', label: 'Model' },
    { name: 'status', label: 'Status', options: ['success', 'error'] }, { name: 'userId', label: 'User' },
    { name: 'from', label: 'From', type: 'datetime-local' }, { name: 'to', label: 'To', type: 'datetime-local' },
  ], (values) => { filters = values; paged = table(); container.replaceChildren(paged.element); });
  const stats = h('div', { class: 'panel' }, h('h2', {}, 'By function'), loading());
  api('/admin/ai-logs/stats?by=function').then(({ data }) => stats.replaceChildren(h('h2', {}, 'By function'), statsTable(data.items)))
    .catch((error) => stats.replaceChildren(h('h2', {}, 'By function'), errorBox(error)));
  const dups = h('div', { class: 'panel' }, h('h2', {}, 'Repeated prompts'), loading());
  api('/admin/ai-logs/duplicates').then(({ data }) => dups.replaceChildren(h('h2', {}, 'Repeated prompts'), data.items.length ? h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Input hash'), h('th', { class: 'num' }, 'Calls'), h('th', { class: 'num' }, 'Tokens a cache would save'))),
    h('tbody', {}, data.items.map((d) => h('tr', {}, h('td', {}, (d.inputHash || '').slice(0, 16) + '…'), h('td', { class: 'num' }, fmt.num(d.calls)), h('td', { class: 'num' }, fmt.num(d.savedTokens))))))) : empty('repeated prompts')))
    .catch((error) => dups.replaceChildren(h('h2', {}, 'Repeated prompts'), errorBox(error)));
  show(form, container, detail, h('div', { class: 'grid2' }, stats, dups));
}

function statsTable(items) {
  if (!items || !items.length) return empty('calls');
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Group', 'Calls', 'Error rate', 'p50', 'p95', 'p99', 'Tokens', 'Cost'].map((t, i) => h('th', { class: i ? 'num' : null }, t)))),
    h('tbody', {}, items.map((s) => h('tr', {},
      h('td', {}, s.functionName ?? s.model ?? '–'), h('td', { class: 'num' }, fmt.num(s.calls)),
      h('td', { class: 'num' }, fmt.pct(s.errorRate == null ? null : s.errorRate * 100)),
      h('td', { class: 'num' }, fmt.ms(s.p50Ms)), h('td', { class: 'num' }, fmt.ms(s.p95Ms)), h('td', { class: 'num' }, fmt.ms(s.p99Ms)),
      h('td', { class: 'num' }, fmt.num((s.inputTokens || 0) + (s.outputTokens || 0))), h('td', { class: 'num' }, s.unpricedCalls ? `${fmt.usd(s.costUsd)} + ${s.unpricedCalls} unpriced` : fmt.usd(s.costUsd)))))));
}

function renderPerformance() {
  const api3 = h('div', { class: 'cards' }, loading());
  const slos = h('div', { class: 'panel' }, h('h2', {}, 'Service level objectives'), loading());
  api('/admin/dashboard/summary?window=1h').then(({ data }) => {
    api3.replaceChildren(...[['API p50', data.apiP50Ms], ['API p95', data.apiP95Ms], ['API p99', data.apiP99Ms]].map(([label, v]) =>
      h('div', { class: 'card' }, h('div', { class: 'label' }, `${label} (1 h)`), h('div', { class: 'value' }, fmt.ms(v)))));
  }).catch((error) => api3.replaceChildren(errorBox(error)));
  api('/admin/slos').then(({ data }) => slos.replaceChildren(h('h2', {}, 'Service level objectives'), (data.items || []).length ? h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'slo-table' },
    h('thead', {}, h('tr', {}, ['Objective', 'Target', 'Current', 'Status'].map((t) => h('th', {}, t)))),
    h('tbody', {}, data.items.map((s) => h('tr', {}, h('td', { title: s.metric }, s.description || s.metric), h('td', {}, `< ${fmt.num(s.target, 2)} ${s.unit || ''}`),
      h('td', {}, s.current == null ? '–' : `${fmt.num(s.current, 2)} ${s.unit || ''}`),
      h('td', {}, h('span', { class: `pill ${s.status === 'ok' ? 'ok' : s.status === 'breached' ? 'bad' : 'warn'}` }, s.status.replace('_', ' '))))))))
    : empty('objectives'))).catch((error) => slos.replaceChildren(h('h2', {}, 'Service level objectives'), errorBox(error)));
  show(api3, slos, slowestPanel(), databasePanel({ api, h, loading, empty, errorBox, fmt }), storagePanel());
}

/** The slowest API requests of the last hour, each leading to its trace. */
function slowestPanel() {
  const title = () => h('h2', {}, 'Slowest requests, last hour');
  const panel = h('div', { class: 'panel' }, title(), loading());
  api('/admin/metrics/slowest-requests?window=1h&limit=10').then(({ data }) => {
    const items = data.items || [];
    panel.replaceChildren(title(), items.length ? h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'slowest-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Route'), h('th', {}, 'Method'), h('th', { class: 'num' }, 'Status'),
        h('th', { class: 'num' }, 'Duration'), h('th', {}, 'Trace'))),
      h('tbody', {}, items.map((r) => h('tr', {}, h('td', {}, fmt.time(r.at)), h('td', {}, r.route), h('td', {}, r.method),
        h('td', { class: 'num' }, r.status), h('td', { class: 'num' }, fmt.ms(r.durationMs)), h('td', {}, traceLink(r.traceId)))))))
      : empty('traced requests'));
  }).catch((error) => panel.replaceChildren(title(), errorBox(error)));
  return panel;
}

/** What each service's tables take on disk, indexes included: the latest storage.bytes readings. */
function storagePanel() {
  const title = () => h('h2', {}, 'Storage by service and table');
  const panel = h('div', { class: 'panel' }, title(), loading());
  api(`/admin/metrics/gauges${query({ name: 'storage.bytes' })}`).then(({ data }) => {
    const items = [...(data.items || [])].sort((a, b) => (a.labels.service || '').localeCompare(b.labels.service || '') || b.value - a.value);
    const total = items.reduce((sum, item) => sum + item.value, 0);
    panel.replaceChildren(title(), items.length ? h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'storage-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Service'), h('th', {}, 'Table'), h('th', { class: 'num' }, 'Size'), h('th', {}, 'Measured'))),
      h('tbody', {}, items.map((item) => h('tr', {}, h('td', {}, item.labels.service || '–'), h('td', {}, item.labels.kind || labelText(item.labels)),
        h('td', { class: 'num' }, fmt.bytes(item.value)), h('td', {}, fmt.time(item.at))))),
      h('tfoot', {}, h('tr', {}, h('td', {}, 'All'), h('td', {}), h('td', { class: 'num', 'data-testid': 'storage-total' }, fmt.bytes(total)), h('td', {})))))
      : empty('storage readings'));
  }).catch((error) => panel.replaceChildren(title(), errorBox(error)));
  return panel;
}

/** Firing is bad, pending a warning, resolved good news; inactive (a pending that ended) is plain. */
const STATE_PILLS = { firing: 'bad', pending: 'warn', resolved: 'ok' };

function labelText(labels) {
  const entries = Object.entries(labels || {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : '–';
}

function renderAlerts() {
  const message = h('div');
  const history = pagedTable({
    what: 'alerts',
    rowKey: (a) => a.id,
    load: async (cursor) => (await api(`/admin/alerts${query({ cursor, limit: 25 })}`)).data,
    columns: [
      { title: 'When', cell: (a) => fmt.time(a.at) },
      { title: 'Rule', cell: (a) => a.rule },
      { title: 'Severity', cell: (a) => h('span', { class: `pill ${a.severity === 'critical' ? 'bad' : 'warn'}` }, a.severity) },
      { title: 'Labels', cell: (a) => labelText(a.labels) },
      { title: 'State', cell: (a) => h('span', { class: `pill ${STATE_PILLS[a.state] || ''}`, 'data-testid': 'alert-state' }, a.silencedBy ? `${a.state} (silenced)` : a.state) },
      { title: 'Value', num: true, cell: (a) => fmt.num(a.value, 3) },
      { title: 'Trace', cell: (a) => traceLink(a.traceId) },
      { title: 'Acknowledged', cell: (a) => a.ackBy ? `${a.ackBy}, ${fmt.time(a.ackAt)}` :
        h('button', { 'data-testid': 'ack', onclick: async () => {
          try { await api(`/admin/alerts/${a.id}/ack`, { method: 'POST', body: {} }); message.replaceChildren(h('div', { class: 'notice', 'data-testid': 'notice' }, 'Acknowledged.')); }
          catch (error) { message.replaceChildren(errorBox(error)); }
          history.reload();
        } }, 'Acknowledge') },
    ],
  });
  const rules = h('div', { class: 'panel' }, h('h2', {}, 'Rules'), loading());
  api('/admin/alert-rules').then(({ data }) => rules.replaceChildren(h('h2', {}, 'Rules'), (data.items || []).length ? h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'Condition', 'Labels', 'For each', 'For', 'Severity', 'Receivers'].map((t) => h('th', {}, t)))),
    h('tbody', {}, data.items.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, `${r.metric} ${r.operator} ${r.threshold} over ${r.window}`),
      h('td', {}, labelText(r.labels)), h('td', {}, r.groupBy || '–'),
      h('td', {}, r.for || '–'), h('td', {}, r.severity), h('td', {}, (r.receivers || []).map((x) => x.type || x).join(', '))))))) : empty('rules')))
    .catch((error) => rules.replaceChildren(h('h2', {}, 'Rules'), errorBox(error)));
  const silences = h('div', { class: 'panel' }, h('h2', {}, 'Silences'), loading());
  api('/admin/silences').then(({ data }) => silences.replaceChildren(h('h2', {}, 'Silences'), (data.items || []).length ? h('ul', {}, data.items.map((s) => h('li', {}, `${s.ruleName || 'any rule'} ${JSON.stringify(s.matchers || {})} from ${fmt.time(s.startsAt)} until ${fmt.time(s.endsAt)}: ${s.comment || ''} (${s.createdBy})`))) : empty('silences')))
    .catch((error) => silences.replaceChildren(h('h2', {}, 'Silences'), errorBox(error)));
  show(message, h('div', { class: 'panel' }, h('h2', {}, 'History'), history.element), h('div', { class: 'grid2' }, rules, silences));
}

// ---- uptime ---------------------------------------------------------------------------------------
const UPTIME_PILLS = { up: 'ok', failing: 'warn', down: 'bad' };

const duration = (seconds) => {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${fmt.num(seconds / 60, 1)} min`;
  if (seconds < 172800) return `${fmt.num(seconds / 3600, 1)} h`;
  return `${fmt.num(seconds / 86400, 1)} d`;
};

/** A day's bar as on a status page: its class says how good the day was (no inline styles: CSP). */
function dayBar(day) {
  const pct = day.uptimePercent;
  const level = pct === null || pct === undefined ? 'none' : pct >= 99.9 ? 'ok' : pct >= 99 ? 'warn' : 'bad';
  return h('span', { class: `bar ${level}`, title: `${day.day}: ${pct === null || pct === undefined ? 'no runs' : fmt.pct(pct)}` });
}

function uptimeCards(overall, down) {
  const cards = [
    ['Uptime 24 h', fmt.pct(overall.uptimePercent['24h']), 'uptime-24h'],
    ['Uptime 30 d', fmt.pct(overall.uptimePercent['30d']), 'uptime-30d'],
    ['Open incidents', fmt.num(overall.openIncidents), 'open-incidents'],
    ['Checks down', fmt.num(down), 'checks-down'],
    ['MTTR (90 d)', duration(overall.mttrSeconds), 'mttr'],
    ['MTBF (90 d)', duration(overall.mtbfSeconds), 'mtbf'],
  ];
  return cards.map(([label, value, id]) => h('div', { class: 'card', 'data-testid': `card-${id}` },
    h('div', { class: 'label' }, label), h('div', { class: 'value' }, value)));
}

/** The overview's line on uptime: overall figures and open incidents. */
function uptimeOverview() {
  const panel = h('div', { class: 'cards', 'data-testid': 'uptime-overview' }, loading());
  api('/admin/uptime').then(({ data }) => panel.replaceChildren(...uptimeCards(data.overall, data.down)))
    .catch((error) => panel.replaceChildren(errorBox(error)));
  return panel;
}

function renderUptime() {
  const cards = h('div', { class: 'cards', 'data-testid': 'uptime-cards' }, loading());
  const checks = h('div', { class: 'panel' }, h('h2', {}, 'Checks'), loading());
  api('/admin/uptime').then(({ data }) => {
    cards.replaceChildren(...uptimeCards(data.overall, data.down));
    checks.replaceChildren(h('h2', {}, 'Checks'), (data.items || []).length ? h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'uptime-table' },
      h('thead', {}, h('tr', {}, ['Check', 'Status', '24 h', '7 d', '30 d', '90 d', 'p50', 'p95', 'Incidents', 'MTTR', 'Last 90 days'].map((t) => h('th', {}, t)))),
      h('tbody', {}, data.items.map((c) => h('tr', {},
        h('td', {}, c.name, h('div', { class: 'muted' }, c.type)),
        h('td', {}, h('span', { class: `pill ${UPTIME_PILLS[c.status.state] || ''}`, 'data-testid': 'uptime-state', title: c.status.lastError || '' }, c.status.state)),
        ['24h', '7d', '30d', '90d'].map((p) => h('td', { class: 'num' }, fmt.pct(c.figures.uptimePercent[p]))),
        h('td', { class: 'num' }, fmt.ms(c.p50Ms)), h('td', { class: 'num' }, fmt.ms(c.p95Ms)),
        h('td', { class: 'num' }, fmt.num(c.figures.incidents)), h('td', { class: 'num' }, duration(c.figures.mttrSeconds)),
        h('td', {}, h('div', { class: 'bars', 'data-testid': 'uptime-bars' }, (c.days || []).map(dayBar)))))))) : empty('uptime checks'));
  }).catch((error) => { cards.replaceChildren(); checks.replaceChildren(h('h2', {}, 'Checks'), errorBox(error)); });
  const incidents = pagedTable({
    what: 'incidents',
    rowKey: (i) => i.id,
    load: async (cursor) => (await api(`/admin/uptime/incidents${query({ cursor, limit: 25 })}`)).data,
    columns: [
      { title: 'Check', cell: (i) => i.check },
      { title: 'Started', cell: (i) => fmt.time(i.startedAt) },
      { title: 'Ended', cell: (i) => i.endedAt ? fmt.time(i.endedAt) : h('span', { class: 'pill bad' }, 'open') },
      { title: 'Duration', num: true, cell: (i) => duration(i.durationSeconds) },
      { title: 'Failed runs', num: true, cell: (i) => fmt.num(i.failures) },
      { title: 'Cause', cell: (i) => i.cause },
    ],
  });
  show(cards, checks, h('div', { class: 'panel' }, h('h2', {}, 'Incidents'), incidents.element));
}

function renderUsers() {
  const message = h('div');
  let search = '';
  const table = () => pagedTable({
    what: 'users',
    rowKey: (u) => u.username,
    load: async (cursor) => (await api(`/admin/users${query({ q: search, cursor, limit: 25 })}`)).data,
    columns: [
      { title: 'User', cell: (u) => u.username },
      { title: 'Name', cell: (u) => [u.firstName, u.lastName].filter(Boolean).join(' ') || '–' },
      { title: 'Email', cell: (u) => u.email || '–' },
      { title: 'Roles', cell: (u) => ['user', 'moderator', 'admin'].map((role) => {
        const has = u.roles.includes(role);
        return h('label', { style: 'margin-right:.6rem' }, h('input', { type: 'checkbox', checked: has, 'data-role': role, onchange: (e) => change(u, role, e.target.checked) }), ` ${role}`);
      }) },
    ],
  });
  async function change(u, role, grant) {
    message.replaceChildren();
    try {
      await api(`/admin/users/${u.id}/roles/${role}`, { method: grant ? 'PUT' : 'DELETE' });
      message.replaceChildren(h('div', { class: 'notice', 'data-testid': 'notice' }, `${grant ? 'Granted' : 'Revoked'} ${role} ${grant ? 'to' : 'from'} ${u.username}.`));
    } catch (error) { message.replaceChildren(errorBox(error)); }
    paged.reload();
  }
  let paged = table();
  const container = h('div', {}, paged.element);
  const form = filterForm([{ name: 'q', label: 'Search', placeholder: 'name or email' }], (values) => { search = values.q; paged = table(); container.replaceChildren(paged.element); });
  show(form, message, container);
}

function renderAudit() {
  let filters = {};
  const verdict = h('div');
  const table = () => pagedTable({
    what: 'audit entries',
    rowKey: (a) => a.id,
    load: async (cursor) => (await api(`/admin/audit${query({ ...filters, cursor, limit: 50 })}`)).data,
    columns: [
      { title: 'When', cell: (a) => fmt.time(a.at) },
      { title: 'Actor', cell: (a) => a.actor },
      { title: 'Action', cell: (a) => a.action },
      { title: 'Target', cell: (a) => a.target },
      { title: 'Source', cell: (a) => a.source },
      { title: 'Details', cell: (a) => h('code', {}, JSON.stringify(a.details)) },
    ],
  });
  let paged = table();
  const container = h('div', {}, paged.element);
  const form = filterForm([
    { name: 'actor', label: 'Actor' }, { name: 'action', label: 'Action' }, { name: 'target', label: 'Target' },
    { name: 'from', label: 'From', type: 'datetime-local' }, { name: 'to', label: 'To', type: 'datetime-local' },
  ], (values) => { filters = values; paged = table(); container.replaceChildren(paged.element); });
  const verify = h('button', { onclick: async () => {
    verdict.replaceChildren(loading());
    try {
      const { data } = await api('/admin/audit/verify');
      verdict.replaceChildren(data.valid ? h('div', { class: 'notice', 'data-testid': 'verify' }, `Chain intact: ${data.checked} entries checked.`)
        : h('div', { class: 'error', 'data-testid': 'verify' }, data.firstBrokenId
          ? `Tampering found at entry ${data.firstBrokenId} (after ${data.checked - 1} good entries): ${data.problem || ''}`
          : `Tampering found: ${data.problem || 'the chain is shorter than its anchored head'}`));
    } catch (error) { verdict.replaceChildren(errorBox(error)); }
  } }, 'Verify the chain');
  show(h('div', { class: 'filters' }, verify), verdict, form, container);
}

// ---- start ----------------------------------------------------------------------------------------
async function start() {
  let session;
  try {
    const response = await fetch('/bff/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 401) { window.location.assign('/oauth2/authorization/keycloak'); return; }
    session = await response.json();
  } catch (error) { show(errorBox(error)); return; }
  document.getElementById('who').textContent = `${session.username} (${session.roles.join(', ')})`;
  csrfToken = session.csrfToken;
  reportErrors(session.sentry);
  // only http(s): a template is configuration, yet a javascript: URL must never become a link
  if (/^https?:\/\//.test(session.traceUiUrl || '')) traceUiUrl = session.traceUiUrl;
  document.getElementById('logout-csrf').value = csrfToken;
  const allowed = Object.entries(TABS).filter(([, tab]) => tab.roles.some((r) => session.roles.includes(r)));
  const nav = document.getElementById('tabs');
  nav.replaceChildren(...allowed.map(([id, tab]) => h('a', { href: `#${id}`, 'data-tab': id }, tab.title)));
  function route() {
    const wanted = window.location.hash.slice(1);
    const [id, tab] = allowed.find(([key]) => key === wanted) || allowed[0];
    closeStream();
    closeStream = () => {};
    nav.querySelectorAll('a').forEach((a) => a.classList.toggle('active', a.dataset.tab === id));
    document.title = `${tab.title} · Xorstack console`;
    tab.render();
  }
  window.addEventListener('hashchange', route);
  route();
}

start();
