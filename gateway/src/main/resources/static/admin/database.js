// The Performance tab's Database section: each service's slowest SQL statements (normalised, no
// literals) by p95 and by total time, and its connection pool, over the last hour, from
// GET /api/admin/metrics/database. A module of its own so that the console's other parts can
// change without it; the console hands over its DOM and API helpers.

const WINDOW = '1h';

/** The Database panel; `ui` carries the console's api, h, loading, empty, errorBox and fmt. */
export function databasePanel(ui) {
  const { api, h, loading, errorBox } = ui;
  const title = () => h('h2', {}, 'Database, last hour');
  const panel = h('div', { class: 'panel', 'data-testid': 'database-panel' }, title(), loading());
  api(`/admin/metrics/database?window=${WINDOW}&limit=10`).then(({ data }) => {
    panel.replaceChildren(title(),
      h('h3', {}, 'Slowest statements by p95'), statements(ui, data.slowestByP95 || [], 'db-p95-table'),
      h('h3', {}, 'Statements by total time'), statements(ui, data.slowestByTotal || [], 'db-total-table'),
      h('h3', {}, 'Connection pools'), pools(ui, data.pools || []));
  }).catch((error) => panel.replaceChildren(title(), errorBox(error)));
  return panel;
}

function statements({ h, fmt, empty }, items, testid) {
  if (!items.length) return empty('statement readings');
  const num = (v) => h('td', { class: 'num' }, v);
  return h('div', { class: 'table-wrap' }, h('table', { 'data-testid': testid },
    h('thead', {}, h('tr', {}, ['Service', 'Statement', 'Calls', 'Mean', 'p95', 'Total', 'Rows', 'Errors']
      .map((t, i) => h('th', { class: i > 1 ? 'num' : null }, t)))),
    h('tbody', {}, items.map((s) => h('tr', {},
      h('td', {}, s.service),
      h('td', {}, h('code', { title: `statement ${s.statement}` }, s.text)),
      num(fmt.num(s.calls)), num(fmt.ms(s.meanMs)), num(fmt.ms(s.p95Ms)), num(fmt.ms(s.totalMs)),
      num(fmt.num(s.rows)), num(fmt.num(s.errors)))))));
}

function pools({ h, fmt, empty }, items) {
  if (!items.length) return empty('pool readings');
  const num = (v) => h('td', { class: 'num' }, v);
  return h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'db-pool-table' },
    h('thead', {}, h('tr', {}, ['Service', 'Acquisitions', 'Wait p95', 'Most in use', 'Most waiting', 'Pool size', 'Measured']
      .map((t, i) => h('th', { class: i && i < 6 ? 'num' : null }, t)))),
    h('tbody', {}, items.map((p) => h('tr', {},
      h('td', {}, p.service), num(fmt.num(p.acquires)), num(fmt.ms(p.waitP95Ms)), num(fmt.num(p.inUsePeak)),
      num(fmt.num(p.pendingPeak)), num(fmt.num(p.max)), h('td', {}, fmt.time(p.latestAt)))))));
}
