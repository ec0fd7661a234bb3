// The console's own errors to Sentry's browser SDK, when /bff/session names a DSN (the gateway's
// SENTRY_BROWSER_DSN); otherwise nothing is loaded. The SDK comes from the gateway itself
// (/vendor/sentry-browser.js, built with the scrubbing rules from gateway/src/main/browser/sentry),
// never from a CDN; the page's policy lets it post to the DSN's origin and nowhere else.

export function reportErrors(sentry) {
  if (!sentry || !/^https?:\/\//.test(sentry.dsn || '')) return;
  const script = document.createElement('script');
  script.src = '/vendor/sentry-browser.js';
  script.addEventListener('load', () => window.XorstackSentry.start({ ...sentry, page: 'console' }));
  document.head.append(script);
}
