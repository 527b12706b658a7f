// Same-origin JSON calls to the REST API (docs/protocol.md sections 1-2, 9, 10, 13, 14), with the
// login session's cookie and, on every call that changes something, its CSRF header.

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

  /** The rooms the caller is a member of, with kind, topic, member, last_read, unread, mentions (section 9). */
  listRooms() {
    return this.#call('GET', '/rooms');
  }

  /** {rooms, has_more}: public rooms by id; q matches id or name. */
  publicRooms({ q = '', after, limit } = {}) {
    return this.#call('GET', `/rooms/public${query({ q: q || undefined, after, limit })}`);
  }

  /** kind: 'public' (default) or 'private'. */
  createRoom(id, name, { kind, topic } = {}) {
    const body = { id, name };
    if (kind) body.kind = kind;
    if (topic) body.topic = topic;
    return this.#call('POST', '/rooms', body);
  }

  /** One room (404 for a private or direct room of others). */
  room(id) {
    return this.#call('GET', `/rooms/${encodeURIComponent(id)}`);
  }

  updateRoom(id, changes) {
    return this.#call('PATCH', `/rooms/${encodeURIComponent(id)}`, changes);
  }

  deleteRoom(id) {
    return this.#call('DELETE', `/rooms/${encodeURIComponent(id)}`);
  }

  /** {members: [{userid, username, display_name, role, online}], has_more} */
  members(id, { after, limit } = {}) {
    return this.#call('GET', `/rooms/${encodeURIComponent(id)}/members${query({ after, limit })}`);
  }

  /** Joins a public room: the room. */
  joinRoom(id) {
    return this.#call('PUT', `/rooms/${encodeURIComponent(id)}/members/me`);
  }

  leaveRoom(id) {
    return this.#call('DELETE', `/rooms/${encodeURIComponent(id)}/members/me`);
  }

  addMember(id, userid) {
    return this.#call('POST', `/rooms/${encodeURIComponent(id)}/members`, { userid });
  }

  removeMember(id, userid) {
    return this.#call('DELETE', `/rooms/${encodeURIComponent(id)}/members/${encodeURIComponent(userid)}`);
  }

  /** The direct room with that user (created on first use). */
  direct(userid) {
    return this.#call('POST', '/direct', { userid });
  }

  /** [{userid, username, display_name}] whose username or display name starts with q. */
  users(q, limit = 10) {
    return this.#call('GET', `/users${query({ q, limit })}`);
  }

  /** {messages (newest first), has_more, next_before, paging} */
  search({ q, room, before, limit } = {}) {
    return this.#call('GET', `/search${query({ q, room, before, limit })}`);
  }

  /** {userid, username, display_name, admin} */
  me() {
    return this.#call('GET', '/me');
  }

  ban(userid) {
    return this.#call('POST', `/users/${encodeURIComponent(userid)}/ban`);
  }

  unban(userid) {
    return this.#call('DELETE', `/users/${encodeURIComponent(userid)}/ban`);
  }

  /**
   * {messages, has_more}; pass before or after (server ids), or since_rev (a revision: the messages changed
   * after it, in revision order), or none of them for the newest page.
   */
  history(room, { before, after, sinceRev, limit } = {}) {
    return this.#call('GET', `/rooms/${encodeURIComponent(room)}/messages${query({ before, after, since_rev: sinceRev, limit })}`);
  }
}

/** "?a=1&b=x" from the defined values, or "". */
function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
