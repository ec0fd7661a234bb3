// The public status page: what /api/status answers, as text and classes only (the CSP allows no
// inline script or style). No identifiers reach this page: the API gives none.
const root = document.getElementById('status');

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined && value !== null) el.setAttribute(key, value);
  for (const child of children.flat()) if (child !== undefined && child !== null) el.append(child instanceof Node ? child : String(child));
  return el;
}

const pct = (v) => (v === null || v === undefined) ? '–' : `${Number(v).toFixed(2)} %`;
const HEADLINES = { operational: 'All systems operational', degraded: 'Some checks are failing', outage: 'Partial outage' };

function bar(day) {
  const v = day.uptimePercent;
  const level = v === null || v === undefined ? 'none' : v >= 99.9 ? 'ok' : v >= 99 ? 'warn' : 'bad';
  return h('span', { class: `bar ${level}`, title: `${day.day}: ${v === null || v === undefined ? 'no data' : pct(v)}` });
}

async function load() {
  const response = await fetch('/api/status', { headers: { Accept: 'application/json' } });
  if (response.status === 404) {
    root.replaceChildren(h('p', { class: 'muted' }, 'There is no public status page here.'));
    return;
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const data = await response.json();
  root.replaceChildren(
    h('p', { class: `headline ${data.state}` }, HEADLINES[data.state] || data.state),
    h('p', { class: 'muted' }, `Uptime: ${pct(data.uptimePercent['24h'])} (24 h), ${pct(data.uptimePercent['90d'])} (90 days) · updated ${new Date(data.at).toLocaleString()}`),
    h('ul', { class: 'checks' }, data.checks.map((c) => h('li', {},
      h('div', { class: 'row' }, h('span', { class: 'name' }, c.name), h('span', { class: `state ${c.state}` }, c.state), h('span', { class: 'muted' }, pct(c.uptimePercent['90d']))),
      h('div', { class: 'bars' }, c.days.map(bar))))));
}

load().catch((error) => root.replaceChildren(h('p', { class: 'muted' }, `The status could not be loaded (${error.message}).`)));
setInterval(() => load().catch(() => {}), 60000);
