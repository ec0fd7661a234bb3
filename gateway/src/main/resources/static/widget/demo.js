// A real app answers its own access token here (from its OIDC client library). This sample page
// takes one from the address, #token=..., so that a test or a developer can try the widget.
// A file of its own, not an inline script: the page runs under a policy without 'unsafe-inline'.
function sampleAccessToken() {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}
