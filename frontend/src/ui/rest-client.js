// Same-origin JSON calls to the REST API (docs/protocol.md sections 1-2), with the
// login session's cookie and, on POST, its CSRF header.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title || '';
    this.detail = detail || '';
  }
}

export class RestClient {
  constructor({ apiBase, csrf, fetchImpl, timeoutMs = 10000 }) {
    this.apiBase = apiBase;
    this.csrf = csrf;
    // a call that hangs (server half up, proxy stuck) fails as a network error instead of stalling a reconnect
    this.timeoutMs = timeoutMs;
    this.fetch = fetchImpl || ((...args) => window.fetch(...args));
  }

  async #call(method, path, body) {
    const headers = {
      Accept: 'application/json, application/problem+json',
      'X-Requested-With': 'XMLHttpRequest',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf && this.csrf.token) headers[this.csrf.headerName] = this.csrf.token;
    let response;
    try {
      response = await this.fetch(`${this.apiBase}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        redirect: 'manual',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: typeof AbortSignal !== 'undefined' && AbortSignal.timeout ? AbortSignal.timeout(this.timeoutMs) : undefined,
      });
    } catch (cause) {
      throw new ApiError(0, 'network', cause && cause.message);
    }
    // A redirect means the login session is gone (the server sends us to /login).
    if (response.type === 'opaqueredirect' || response.status === 401) {
      throw new ApiError(401, 'Unauthorized', '');
    }
    const type = response.headers.get('Content-Type') || '';
    const payload = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      throw new ApiError(response.status, payload && payload.title, payload && payload.detail);
    }
    return payload;
  }

  /** A fresh connection token: {userid, token, expires_at}. */
  fetchToken() {
    return this.#call('POST', '/auth/token');
  }

  listRooms() {
    return this.#call('GET', '/rooms');
  }

  createRoom(id, name) {
    return this.#call('POST', '/rooms', { id, name });
  }

  /** {messages, has_more}; pass before or after (server ids) or neither for the newest page. */
  history(room, { before, after, limit } = {}) {
    const query = new URLSearchParams();
    if (before !== undefined && before !== null) query.set('before', String(before));
    if (after !== undefined && after !== null) query.set('after', String(after));
    if (limit) query.set('limit', String(limit));
    const suffix = query.toString() ? `?${query}` : '';
    return this.#call('GET', `/rooms/${encodeURIComponent(room)}/messages${suffix}`);
  }
}
