// The console's Errors tab: the suite's own unhandled errors (GET /api/admin/errors), from
// metrics-service's store rather than from Sentry, so that it works with no Sentry at all.
// Self-contained: console.js hands in its helpers; the chart (charts.js) is the total per bucket,
// the counts by service and type are a table beside it.

import { timeChart } from './charts.js';

const WINDOWS = {
  '1h': { span: 3600 * 1000, label: 'last hour' },
  '24h': { span: 24 * 3600 * 1000, label: 'last 24 h' },
  '7d': { span: 7 * 24 * 3600 * 1000, label: 'last 7 days' },
  '30d': { span: 30 * 24 * 3600 * 1000, label: 'last 30 days' },
};
const SERVICES = ['gateway', 'feedback-service', 'metrics-service', 'ailog-service', 'auth-service'];
const STEP_MS = { '1m': 60 * 1000, '1h': 3600 * 1000, '1d': 24 * 3600 * 1000 };

/** com.example.FooException → FooException, the full name as its title. */
function exceptionName(ui, type) {
  return ui.h('code', { title: type }, type.split('.').pop());
}

/** The total per bucket from `from` to `to`, 0 where no error fell, for the line chart. */
export function totals(view) {
  const step = STEP_MS[view.step];
  const byBucket = new Map();
  for (const bucket of view.series) {
    const t = Date.parse(bucket.at);
    byBucket.set(t, (byBucket.get(t) || 0) + bucket.errors);
  }
  const points = [];
  const first = Math.floor(Date.parse(view.from) / step) * step;
  for (let t = first; t < Date.parse(view.to); t += step) points.push({ t: new Date(t).toISOString(), value: byBucket.get(t) || 0 });
  return points;
}

function table(ui, columns, rows, testid) {
  return ui.h('div', { class: 'table-wrap' }, ui.h('table', { 'data-testid': testid },
    ui.h('thead', {}, ui.h('tr', {}, columns.map((c) => ui.h('th', { class: c.num ? 'num' : null }, c.title)))),
    ui.h('tbody', {}, rows.map((row) => ui.h('tr', {}, columns.map((c) => ui.h('td', { class: c.num ? 'num' : null }, c.cell(row))))))));
}

function panel(ui, title, testid, ...content) {
  return ui.h('div', { class: 'panel', 'data-testid': testid }, ui.h('h2', {}, title), ...content);
}

function render(ui, view, label) {
  const total = view.series.reduce((sum, bucket) => sum + bucket.errors, 0);
  const chart = panel(ui, `Errors per ${view.step}, ${label}: ${ui.fmt.num(total)}`, 'errors-chart',
    total ? timeChart({ unit: 'errors', testid: 'errors-timechart',
      series: [{ label: 'Errors', points: totals(view).map((p) => [Date.parse(p.t), p.value]) }] })
      : ui.empty('errors in this window'));
  const series = panel(ui, 'By service and type over time', 'errors-series', view.series.length
    ? table(ui, [
      { title: 'From', cell: (b) => ui.fmt.time(b.at) },
      { title: 'Service', cell: (b) => b.service },
      { title: 'Exception', cell: (b) => exceptionName(ui, b.exceptionType) },
      { title: 'Errors', num: true, cell: (b) => ui.fmt.num(b.errors) },
    ], [...view.series].reverse(), 'errors-series-table')
    : ui.empty('errors'));
  const groups = panel(ui, 'By route and type', 'errors-groups', view.groups.length
    ? table(ui, [
      { title: 'Service', cell: (g) => g.service },
      { title: 'Route', cell: (g) => ui.h('code', {}, g.route) },
      { title: 'Status', num: true, cell: (g) => g.status },
      { title: 'Exception', cell: (g) => exceptionName(ui, g.exceptionType) },
      { title: 'Errors', num: true, cell: (g) => ui.fmt.num(g.errors) },
      { title: 'Last', cell: (g) => ui.fmt.time(g.lastAt) },
      { title: 'Trace', cell: (g) => ui.traceLink(g.lastTraceId) },
    ], view.groups, 'errors-groups-table')
    : ui.empty('errors'));
  const recent = panel(ui, 'Recent occurrences', 'errors-recent', view.items.length
    ? table(ui, [
      { title: 'When', cell: (o) => ui.fmt.time(o.at) },
      { title: 'Service', cell: (o) => o.service },
      { title: 'Request', cell: (o) => ui.h('code', {}, `${o.method} ${o.route}`) },
      { title: 'Status', num: true, cell: (o) => o.status },
      { title: 'Exception', cell: (o) => exceptionName(ui, o.exceptionType) },
      { title: 'Trace', cell: (o) => ui.traceLink(o.traceId) },
    ], view.items, 'errors-recent-table')
    : ui.empty('errors'));
  return [chart, ui.h('div', { class: 'grid2' }, series, groups), recent];
}

/**
 * The tab. `ui` is console.js's helpers: h, show, api, query, loading, empty, errorBox, fmt,
 * traceLink.
 */
export function renderErrors(ui) {
  const windowSelect = ui.h('select', { 'aria-label': 'Window', name: 'window' },
    Object.keys(WINDOWS).map((w) => ui.h('option', { value: w, selected: w === '24h' }, w)));
  const serviceSelect = ui.h('select', { 'aria-label': 'Service', name: 'service' },
    ui.h('option', { value: '' }, 'all services'), SERVICES.map((s) => ui.h('option', { value: s }, s)));
  const body = ui.h('div', { 'data-testid': 'errors' }, ui.loading());
  let shown = 0;
  async function load() {
    const mine = ++shown;
    const { span, label } = WINDOWS[windowSelect.value];
    const to = new Date();
    const from = new Date(to.getTime() - span);
    body.replaceChildren(ui.loading());
    try {
      const { data } = await ui.api(`/admin/errors${ui.query({ from: from.toISOString(), to: to.toISOString(), service: serviceSelect.value })}`);
      if (mine === shown) body.replaceChildren(...render(ui, data, label));
    } catch (error) {
      if (mine === shown) body.replaceChildren(ui.errorBox(error));
    }
  }
  windowSelect.addEventListener('change', load);
  serviceSelect.addEventListener('change', load);
  ui.show(ui.h('div', { class: 'filters' }, ui.h('label', {}, 'Window', windowSelect), ui.h('label', {}, 'Service', serviceSelect),
    ui.h('button', { onclick: load }, 'Refresh')), body);
  load();
}
