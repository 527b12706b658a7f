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

test('version 2 calls: paths, query strings (empty values left out), methods, CSRF on every change', async () => {
  const calls = [];
  const ok = async (url, init) => { calls.push([init.method, url, init.body ?? null, init.headers['X-CSRF-TOKEN'] ?? null]);
    return { ok: true, status: 200, type: 'basic', headers: { get: () => 'application/json' }, json: async () => ({}) }; };
  const rest = new RestClient({ apiBase: '/ctx/api', csrf: { headerName: 'X-CSRF-TOKEN', token: 'c' }, fetchImpl: ok });
  await rest.publicRooms({ q: 'dev', limit: 20 });
  await rest.publicRooms();
  await rest.createRoom('secret', 'Secret', { kind: 'private', topic: 'plans' });
  await rest.joinRoom('a b');
  await rest.leaveRoom('dev');
  await rest.addMember('secret', 'u 2');
  await rest.direct('u2');
  await rest.users('an');
  await rest.search({ q: 'hello world', room: undefined, before: 17 });
  await rest.history('dev', { sinceRev: 40, limit: 200 });
  await rest.ban('u3');
  await rest.unban('u3');
  await rest.deleteRoom('dev');
  await rest.updateRoom('dev', { topic: 't' });
  assert.deepEqual(calls, [
    ['GET', '/ctx/api/rooms/public?q=dev&limit=20', null, null],
    ['GET', '/ctx/api/rooms/public', null, null],
    ['POST', '/ctx/api/rooms', '{"id":"secret","name":"Secret","kind":"private","topic":"plans"}', 'c'],
    ['PUT', '/ctx/api/rooms/a%20b/members/me', null, 'c'],
    ['DELETE', '/ctx/api/rooms/dev/members/me', null, 'c'],
    ['POST', '/ctx/api/rooms/secret/members', '{"userid":"u 2"}', 'c'],
    ['POST', '/ctx/api/direct', '{"userid":"u2"}', 'c'],
    ['GET', '/ctx/api/users?q=an&limit=10', null, null],
    ['GET', '/ctx/api/search?q=hello+world&before=17', null, null],
    ['GET', '/ctx/api/rooms/dev/messages?since_rev=40&limit=200', null, null],
    ['POST', '/ctx/api/users/u3/ban', null, 'c'],
    ['DELETE', '/ctx/api/users/u3/ban', null, 'c'],
    ['DELETE', '/ctx/api/rooms/dev', null, 'c'],
    ['PATCH', '/ctx/api/rooms/dev', '{"topic":"t"}', 'c'],
  ]);
});
