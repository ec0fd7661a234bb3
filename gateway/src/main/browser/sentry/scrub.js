// The browser's side of platform's SentryScrubber: the same rules for what leaves a page for
// Sentry. No user, no breadcrumbs (clicks, console lines, the URLs the page fetched), no request
// headers or cookies, no query strings; messages lose tokens, e-mail and IP addresses, ids and
// long numbers. This is a health app: a field not listed here is dropped, not trusted.

const RULES = [
  [/\bbearer\s+\S+/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[token]'],
  [/\b(password|passwd|secret|token|api[_-]?key|authorization|cookie)(\s*[=:]\s*)[^\s,;&]+/gi, '$1$2[redacted]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]'],
  [/\b\d{1,3}(\.\d{1,3}){3}\b/g, '[ip]'],
  [/\b([0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, '[ip]'],
  [/\+?\d[\d -]{5,}\d/g, '[number]'],
];
const MAX_LENGTH = 500;
const TAGS = new Set(['service', 'route', 'status', 'http.method', 'trace_id', 'page']);
const CONTEXTS = new Set(['trace', 'browser', 'os']);

export function scrubText(text) {
  if (typeof text !== 'string') return text;
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH)}…` : out;
}

/** A URL without query or fragment, its path scrubbed: ids in paths name people. */
export function scrubUrl(url) {
  if (typeof url !== 'string') return url;
  return scrubText(url.split(/[?#]/)[0]);
}

export function scrubEvent(event) {
  delete event.user;
  delete event.breadcrumbs;
  delete event.extra;
  delete event.server_name;
  if (event.request) event.request = { url: scrubUrl(event.request.url), method: event.request.method };
  if (event.tags) event.tags = Object.fromEntries(Object.entries(event.tags).filter(([key]) => TAGS.has(key)));
  if (event.contexts) event.contexts = Object.fromEntries(Object.entries(event.contexts).filter(([key]) => CONTEXTS.has(key)));
  if (event.message) event.message = scrubText(event.message);
  if (event.logentry) event.logentry = { message: scrubText(event.logentry.message) };
  for (const value of (event.exception && event.exception.values) || []) {
    value.value = scrubText(value.value);
    for (const frame of (value.stacktrace && value.stacktrace.frames) || []) {
      frame.abs_path = scrubUrl(frame.abs_path);
      frame.filename = scrubUrl(frame.filename);
      delete frame.vars;
    }
  }
  return event;
}
