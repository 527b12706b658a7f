import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestClient, ApiError } from '../src/ui/rest-client.js';

test('a token call that hangs fails as a network error (status 0) after the timeout', async () => {
  const hanging = (url, init) => new Promise((resolve, reject) => {
    if (init.signal) init.signal.addEventListener('abort', () => reject(init.signal.reason)); // else: hangs for ever
  });
  const rest = new RestClient({ apiBase: '/api', csrf: null, fetchImpl: hanging, timeoutMs: 30 });
  const keepAlive = setTimeout(() => {}, 5000); // Node's AbortSignal.timeout timer does not hold the event loop open
  try {
    await assert.rejects(rest.fetchToken(), (e) => e instanceof ApiError && e.status === 0);
  } finally {
    clearTimeout(keepAlive);
  }
});

test('a 401 or a redirect to the login page is reported as 401', async () => {
  const redirect = async () => ({ type: 'opaqueredirect', status: 0, headers: new Map() });
  const rest = new RestClient({ apiBase: '/api', csrf: null, fetchImpl: redirect });
  await assert.rejects(rest.fetchToken(), (e) => e.status === 401);
});

test('POSTs carry the CSRF header', async () => {
  let seen;
  const ok = async (url, init) => { seen = init; return { ok: true, status: 200, type: 'basic',
    headers: { get: () => 'application/json' }, json: async () => ({ token: 't' }) }; };
  const rest = new RestClient({ apiBase: '/api', csrf: { headerName: 'X-CSRF-TOKEN', token: 'abc' }, fetchImpl: ok });
  assert.deepEqual(await rest.fetchToken(), { token: 't' });
  assert.equal(seen.headers['X-CSRF-TOKEN'], 'abc');
  assert.equal(seen.method, 'POST');
});
