// One classic-script bundle (window.XorstackSentry) for the console and the widget: a widget on
// another origin loads it with a plain script tag, which needs no CORS, as a module would.
// Only errors: no Replay, Feedback or tracing is imported, so tree-shaking leaves them out.
import { init, getDefaultIntegrations } from '@sentry/browser';
import { scrubEvent, scrubText, scrubUrl } from './scrub.js';

let started = false;

/** Starts the SDK once, when the gateway's configuration names a DSN; otherwise nothing. */
export function start({ dsn, environment, release, page } = {}) {
  if (started || !dsn) return false;
  started = true;
  init({
    dsn,
    environment,
    release,
    sendDefaultPii: false,
    maxBreadcrumbs: 0,
    // the breadcrumbs integration would record clicks, console lines and fetched URLs
    integrations: getDefaultIntegrations({}).filter((integration) => integration.name !== 'Breadcrumbs'),
    initialScope: page ? { tags: { page } } : undefined,
    beforeBreadcrumb: () => null,
    beforeSend: scrubEvent,
  });
  return true;
}

export { scrubEvent, scrubText, scrubUrl };
