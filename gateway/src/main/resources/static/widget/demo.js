// A real app answers its own access token here (from its OIDC client library). This sample page
// takes one from the address, #token=..., so that a test or a developer can try the widget.
// A file of its own, not an inline script: the page runs under a policy without 'unsafe-inline'.
function sampleAccessToken() {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}

// The app's own API calls: each gateway answer names its trace (X-Trace-Id), which the widget
// sends with the next feedback, so a report leads to the request it is about.
document.addEventListener('DOMContentLoaded', async () => {
  const token = sampleAccessToken();
  if (!token) return;
  const response = await fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } });
  window.XorstackFeedback.noteResponse(response);
  document.body.dataset.traceId = response.headers.get('X-Trace-Id') || '';
});
