// node --test gateway/src/main/browser/sentry/  (no dependencies)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrubEvent } from './scrub.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

test('drops the user, breadcrumbs, headers, cookies, query and unlisted tags and contexts', () => {
  const event = scrubEvent({
    user: { email: 'alice@example.com', ip_address: '203.0.113.7' },
    breadcrumbs: [{ message: 'fetch /api/feedback?email=alice@example.com' }],
    extra: { body: 'my glucose' },
    request: { url: 'https://x.example/admin/users/0b7e9c3a-2f4d-4c1e-9a57-3f1d2e4c5b6a?q=alice#t', method: 'GET',
      headers: { Authorization: `Bearer ${TOKEN}`, Cookie: 'SESSION=1' }, cookies: 'SESSION=1', query_string: 'q=alice' },
    tags: { page: 'console', 'user.email': 'alice@example.com' },
    contexts: { browser: { name: 'Chrome' }, state: { session: 'x' } },
  });
  assert.equal(event.user, undefined);
  assert.equal(event.breadcrumbs, undefined);
  assert.equal(event.extra, undefined);
  assert.deepEqual(event.request, { url: 'https://x.example/admin/users/[id]', method: 'GET' });
  assert.deepEqual(event.tags, { page: 'console' });
  assert.deepEqual(Object.keys(event.contexts), ['browser']);
});

test('messages lose tokens, addresses, ids and numbers', () => {
  const event = scrubEvent({ exception: { values: [{ type: 'Error',
    value: `refused Bearer ${TOKEN} for bob@example.org from 203.0.113.7, phone +1 555 0100 200, password=hunter2`,
    stacktrace: { frames: [{ abs_path: 'https://x.example/admin/console.js?v=alice@example.com', vars: { a: 1 } }] } }] } });
  const value = event.exception.values[0];
  assert.equal(value.value, 'refused Bearer [redacted] for [email] from [ip], phone [number], password=[redacted]');
  assert.equal(value.stacktrace.frames[0].abs_path, 'https://x.example/admin/console.js');
  assert.equal(value.stacktrace.frames[0].vars, undefined);
});
