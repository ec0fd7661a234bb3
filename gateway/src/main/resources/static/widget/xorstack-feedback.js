/*
 * Xorstack feedback widget: one script tag in any single-page app.
 *
 *   <script src="https://GATEWAY/widget/xorstack-feedback.js" data-token-function="getAccessToken" defer></script>
 *
 * data-api            where the gateway is (default: the origin this script came from)
 * data-token-function the name of a global function answering the SPA's access token (or a Promise of it);
 *                     or call XorstackFeedback.configure({ getToken: () => ... }) from the app
 * data-sentry-dsn     optional: the gateway's browser Sentry DSN (SENTRY_BROWSER_DSN); the widget then loads
 * data-sentry-environment  the gateway's scrubbed Sentry SDK (/vendor/sentry-browser.js) and reports the page's
 * data-sentry-release      unhandled errors with them. Leave it off when the app runs Sentry itself.
 *
 * Feedback is tied to the trace of the app's last API call, so an SRE opens that request's trace from
 * the console: pass each gateway response to XorstackFeedback.noteResponse(response) (it reads the
 * X-Trace-Id header every gateway answer carries), or configure({ getTraceId: () => ... }).
 *
 * A floating button opens a small form (category, message, optional rating). It is sent as
 * POST /api/feedback with the SPA's own bearer token, with the page's URL; the server's answer is shown,
 * including each field it refused. The widget lives in a shadow root, so the app's styles and its own
 * never meet. No dependencies, no cookies.
 */
(function () {
  'use strict';
  const script = document.currentScript;
  const settings = {
    api: (script && script.dataset.api) || (script ? new URL(script.src).origin : window.location.origin),
    getToken: null,
    getTraceId: null,
  };
  const TRACE_ID = /^[0-9a-f]{32}$/;
  let lastTraceId = null;

  function traceId() {
    const id = settings.getTraceId ? settings.getTraceId() : lastTraceId;
    return typeof id === 'string' && TRACE_ID.test(id) ? id : null;
  }
  const tokenFunction = script && script.dataset.tokenFunction;

  function token() {
    if (settings.getToken) return Promise.resolve(settings.getToken());
    if (tokenFunction && typeof window[tokenFunction] === 'function') return Promise.resolve(window[tokenFunction]());
    return Promise.resolve(null);
  }

  const css = `
    :host { all: initial; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
    .fab { position: fixed; right: 1.25rem; bottom: 1.25rem; z-index: 2147483000; border: none; border-radius: 999px;
      background: #2557d6; color: #fff; padding: .75rem 1.1rem; font: 600 14px/1 system-ui, sans-serif;
      box-shadow: 0 4px 14px rgba(0,0,0,.2); cursor: pointer; }
    .panel { position: fixed; right: 1.25rem; bottom: 4.5rem; z-index: 2147483001; width: min(22rem, calc(100vw - 2.5rem));
      background: #fff; color: #1d2330; border: 1px solid #dfe3ea; border-radius: 10px; padding: 1rem;
      box-shadow: 0 8px 30px rgba(0,0,0,.2); font-size: 14px; }
    .panel[hidden] { display: none; }
    h2 { font-size: 15px; margin: 0 0 .6rem; }
    label { display: block; margin: .5rem 0 .2rem; color: #5b6472; font-size: 12px; }
    select, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; border: 1px solid #dfe3ea; border-radius: 6px; }
    textarea { min-height: 6rem; resize: vertical; }
    .stars { display: flex; gap: .25rem; }
    .stars button { border: 1px solid #dfe3ea; background: #fff; border-radius: 6px; padding: .25rem .5rem; cursor: pointer; }
    .stars button[aria-pressed="true"] { background: #2557d6; color: #fff; border-color: #2557d6; }
    .row { display: flex; justify-content: space-between; align-items: center; margin-top: .8rem; gap: .5rem; }
    .send { background: #2557d6; color: #fff; border: none; border-radius: 6px; padding: .45rem .9rem; cursor: pointer; font: inherit; }
    .send:disabled { opacity: .6; }
    .close { background: none; border: none; color: #5b6472; cursor: pointer; font: inherit; }
    .result { margin-top: .6rem; font-size: 13px; }
    .ok { color: #1f8a4c; } .bad { color: #c53030; }
    .count { color: #5b6472; font-size: 12px; }`;

  function mount() {
    const host = document.createElement('div');
    host.id = 'xorstack-feedback';
    const root = host.attachShadow({ mode: 'open' });
    // A constructed style sheet, not a <style> element: pages with a strict
    // Content-Security-Policy (style-src without 'unsafe-inline') show the widget as styled.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = `
      <button class="fab" part="button" aria-haspopup="dialog" aria-expanded="false">Feedback</button>
      <form class="panel" role="dialog" aria-label="Send feedback" hidden novalidate>
        <h2>Tell us what you think</h2>
        <label for="xf-category">Category</label>
        <select id="xf-category" name="category">
          <option value="bug">Something is broken</option>
          <option value="feature">An idea</option>
          <option value="question">A question</option>
          <option value="general" selected>Something else</option>
        </select>
        <label for="xf-message">Message</label>
        <textarea id="xf-message" name="message" maxlength="5000" required></textarea>
        <div class="count"><span class="chars">0</span> / 5000</div>
        <label>Rating (optional)</label>
        <div class="stars" role="group" aria-label="Rating"></div>
        <div class="row"><button type="button" class="close">Close</button><button type="submit" class="send">Send</button></div>
        <div class="result" role="status" aria-live="polite"></div>
      </form>`;
    const fab = root.querySelector('.fab');
    const panel = root.querySelector('.panel');
    const message = root.querySelector('textarea');
    const chars = root.querySelector('.chars');
    const stars = root.querySelector('.stars');
    const result = root.querySelector('.result');
    const send = root.querySelector('.send');
    let rating = null;
    for (let value = 1; value <= 5; value++) {
      const star = document.createElement('button');
      star.type = 'button';
      star.textContent = String(value);
      star.setAttribute('aria-pressed', 'false');
      star.setAttribute('aria-label', `${value} of 5`);
      star.addEventListener('click', () => {
        rating = rating === value ? null : value;
        stars.querySelectorAll('button').forEach((b, i) => b.setAttribute('aria-pressed', String(rating !== null && i < rating)));
      });
      stars.append(star);
    }
    function toggle(open) {
      panel.hidden = !open;
      fab.setAttribute('aria-expanded', String(open));
      if (open) message.focus();
    }
    fab.addEventListener('click', () => toggle(panel.hidden));
    root.querySelector('.close').addEventListener('click', () => toggle(false));
    message.addEventListener('input', () => { chars.textContent = String(message.value.length); });
    function say(text, ok) {
      result.className = `result ${ok ? 'ok' : 'bad'}`;
      result.textContent = text;
    }
    panel.addEventListener('submit', async (event) => {
      event.preventDefault();
      send.disabled = true;
      say('Sending…', true);
      try {
        const bearer = await token();
        // the page's address without its fragment: apps keep tokens and state there
        const page = window.location.origin + window.location.pathname + window.location.search;
        const body = { category: panel.category.value, message: message.value, pageUrl: page.slice(0, 2000) };
        if (rating !== null) body.rating = rating;
        const trace = traceId();
        if (trace) body.traceId = trace;
        const response = await fetch(`${settings.api}/api/feedback`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
          body: JSON.stringify(body),
        });
        if (response.status === 201) {
          say('Thank you: your feedback was sent.', true);
          message.value = '';
          chars.textContent = '0';
          return;
        }
        let problem = {};
        try { problem = await response.json(); } catch (ignored) { /* not JSON */ }
        const fields = (problem.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
        const why = response.status === 401 ? 'Please sign in to send feedback.' : (problem.detail || problem.title || `HTTP ${response.status}`);
        say(fields ? `${why} (${fields})` : why, false);
      } catch (error) {
        say(`Could not send: ${error.message}`, false);
      } finally {
        send.disabled = false;
      }
    });
    document.body.append(host);
  }

  window.XorstackFeedback = {
    configure(options) { Object.assign(settings, options || {}); },
    /** Remembers the trace of a gateway answer (a fetch Response, or its X-Trace-Id value) for the next feedback. */
    noteResponse(response) {
      const id = typeof response === 'string' ? response : response && response.headers && response.headers.get('X-Trace-Id');
      if (typeof id === 'string' && TRACE_ID.test(id)) lastTraceId = id;
    },
  };
  // Sentry, only when the app's tag names a DSN: the SDK from the gateway (a classic script, no
  // CORS needed), with the same scrubbing as the console's; the app's policy must allow its origin.
  function reportErrors() {
    const dsn = script && script.dataset.sentryDsn;
    if (!dsn || !/^https?:\/\//.test(dsn)) return;
    const sdk = document.createElement('script');
    sdk.src = `${settings.api}/vendor/sentry-browser.js`;
    sdk.addEventListener('load', () => window.XorstackSentry.start({ dsn, environment: script.dataset.sentryEnvironment,
      release: script.dataset.sentryRelease, page: 'widget' }));
    document.head.append(sdk);
  }
  reportErrors();
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
