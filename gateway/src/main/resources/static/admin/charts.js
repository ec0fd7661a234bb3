// Time charts for the admin console, drawn by uPlot (the webjar org.webjars.npm:uplot, served by
// the gateway at /admin/vendor/uplot/; no CDN). Works under the console's policy: uPlot draws on a
// canvas and places its elements through the CSSOM, and its style sheet is a file.
//
// API (the only export any view needs):
//
//   import { timeChart } from './charts.js';
//   panel.append(timeChart({
//     title: 'Daily active users',          // optional, shown above the plot with the unit
//     unit: 'users',                        // after every value on the axis and in the legend
//     series: [                             // one line each, its own colour, shown in the legend
//       { label: 'DAU', points: [[epochMillis, value], ...] },   // value null = a gap
//     ],
//     height: 220,                          // optional, px (width follows the container)
//     digits: 0,                            // optional, decimals shown in the legend
//     testid: 'chart-dau',                  // optional, data-testid of the returned element
//   }));
//
// Series may have different timestamps; they are merged onto one time axis. Points all at UTC
// midnight are days: the axis and legend then show UTC dates; anything else shows local time.
// Moving the pointer over the plot shows, in the legend, the time and each series' value at the
// nearest point. The returned element carries data-cursor-time (ISO date or time) and data-cursor-
// values (JSON array, one per series) of that point, so tests and other code can read them.
// A chart with no points at all answers an "empty" paragraph instead.

import uPlot from '/admin/vendor/uplot/uPlot.esm.js';

const COLOURS = ['#2557d6', '#c05621', '#1f8a4c', '#805ad5', '#c53030', '#2c7a7b', '#b7791f', '#4a5568'];
const DAY = 24 * 3600 * 1000;

// uPlot's own style sheet, once per page: a file, as the page's policy asks
function ensureStyles() {
  if (document.querySelector('link[data-uplot]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/admin/vendor/uplot/uPlot.min.css';
  link.dataset.uplot = '';
  document.head.append(link);
}

/** One shared, sorted time axis and a column per series, null where a series has no point. */
function align(series) {
  const times = [...new Set(series.flatMap((s) => s.points.map(([t]) => t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const column = new Array(times.length).fill(null);
    for (const [t, v] of s.points) column[index.get(t)] = (v === null || v === undefined) ? null : Number(v);
    return column;
  });
  return [times, ...columns];
}

function number(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits });
}

function timeText(ms, days) {
  if (ms === null || ms === undefined) return '–';
  return days ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toLocaleString();
}

/** A titled time chart with axes, a legend and the value under the pointer; see the top of this file. */
export function timeChart({ title, unit = '', series, height = 220, digits = 2, testid } = {}) {
  const figure = document.createElement('figure');
  figure.className = 'time-chart';
  if (testid) figure.dataset.testid = testid;
  if (title) {
    const caption = document.createElement('figcaption');
    caption.textContent = unit ? `${title} (${unit})` : title;
    figure.append(caption);
  }
  const lines = (series || []).filter((s) => s.points && s.points.length);
  if (!lines.length) {
    const none = document.createElement('p');
    none.className = 'state';
    none.dataset.testid = 'empty';
    none.textContent = 'No data points yet.';
    figure.append(none);
    return figure;
  }
  ensureStyles();
  const data = align(lines);
  const days = data[0].every((t) => t % DAY === 0);
  const suffix = unit ? ` ${unit}` : '';
  const options = {
    width: 600,
    height,
    ms: 1, // timestamps are epoch milliseconds
    // days are UTC days; finer points read best in the reader's own time
    tzDate: days ? (ms) => uPlot.tzDate(new Date(ms), 'Etc/UTC') : (ms) => new Date(ms),
    scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    series: [
      { label: days ? 'Day (UTC)' : 'Time', value: (u, ms) => timeText(ms, days) },
      ...lines.map((s, i) => ({
        label: s.label,
        stroke: s.colour || COLOURS[i % COLOURS.length],
        width: 2,
        points: { show: data[0].length <= 60 },
        spanGaps: false,
        value: (u, v) => (v === null || v === undefined) ? '–' : `${number(v, digits)}${suffix}`,
      })),
    ],
    axes: [
      { stroke: '#5b6472', grid: { stroke: '#eef0f4' } },
      { stroke: '#5b6472', grid: { stroke: '#eef0f4' }, size: 60, values: (u, ticks) => ticks.map((v) => number(v, 2)) },
    ],
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    legend: { live: true },
    hooks: {
      setCursor: [(u) => {
        const i = u.cursor.idx;
        if (i === null || i === undefined) {
          delete figure.dataset.cursorTime;
          delete figure.dataset.cursorValues;
          return;
        }
        figure.dataset.cursorTime = timeText(u.data[0][i], days);
        figure.dataset.cursorValues = JSON.stringify(u.data.slice(1).map((column) => column[i]));
      }],
    },
  };
  const holder = document.createElement('div');
  holder.className = 'plot';
  figure.append(holder);
  let plot = null;
  // uPlot needs a width in pixels: draw once the figure is laid out, and follow its size
  // (in the next frame: drawing inside the observer's callback would resize what it observes)
  const resize = new ResizeObserver(() => requestAnimationFrame(() => {
    const width = Math.floor(holder.clientWidth);
    if (width <= 0) return;
    if (!plot) plot = new uPlot({ ...options, width }, data, holder);
    else if (Math.abs(plot.width - width) > 1) plot.setSize({ width, height });
  }));
  resize.observe(holder);
  // for tests and other code: the uPlot instance once drawn
  Object.defineProperty(figure, 'plot', { get: () => plot });
  return figure;
}

/** [epochMillis, value] points from rows that carry an ISO day or instant under timeKey. */
export function pointsOf(rows, timeKey, valueKey) {
  return (rows || []).map((row) => [Date.parse(row[timeKey]), row[valueKey]]);
}
