// The numbers and codes of the wire contract (docs/protocol.md; docs/protocol.md sections 4, 5, 7), exactly as the
// server's Java enums have them: a server-side test compares this file with the enums, so keep it plain
// (one frozen object literal per export, nothing computed).

/** Client to server frame types (req_type). */
export const REQ = Object.freeze({PING: 1, SEND: 2, JOIN: 3, LEAVE: 4, TYPING: 5, RESUME: 6, HEARTBEAT: 8, EDIT: 9, DELETE: 10, REACT: 11, READ: 12});

/** Server to client frame types (resp_type). */
export const RESP = Object.freeze({PONG: 1, MESSAGE: 2, ROOM_EVENT: 3, ACK: 4, WELCOME: 5, RESUME_DONE: 6, HEARTBEAT: 8, ERROR: 9, MESSAGE_UPDATE: 10, NOTIFY: 11, ROOM_CHANGE: 12, READ_MARKER: 13});

/** WebSocket close codes the server sends (or the client uses itself: 4000 after its own heartbeat timeout). */
export const CLOSE = Object.freeze({NORMAL: 1000, GOING_AWAY: 1001, UNSUPPORTED_DATA: 1003, BAD_DATA: 1007, POLICY: 1008, TOO_BIG: 1009, SERVER_ERROR: 1011, TRY_AGAIN_LATER: 1013, HEARTBEAT_TIMEOUT: 4000, AUTH_ENDED: 4401, BANNED: 4403});

/** What the browser client does after each close code; a code not listed (1006, ...) means 'reconnect'. */
export const CLOSE_ACTION = Object.freeze({1000: 'stay', 1001: 'reconnect', 1003: 'reconnect', 1007: 'reconnect', 1008: 'ask', 1009: 'reconnect', 1011: 'reconnect', 1013: 'reconnect', 4000: 'reconnect', 4401: 'reauth', 4403: 'banned'});

/** Error codes of resp_type 9. */
export const ERROR = Object.freeze({BAD_JSON: 'bad_json', UNKNOWN_TYPE: 'unknown_type', BAD_REQUEST: 'bad_request', NO_SUCH_ROOM: 'no_such_room', NOT_MEMBER: 'not_member', UNSUPPORTED: 'unsupported', RATE_LIMITED: 'rate_limited', FORBIDDEN: 'forbidden', NOT_FOUND: 'not_found'});

/** Error codes after which a refused outbox entry stays and is sent again; after any other it leaves. */
export const ERROR_RETRY = Object.freeze({rate_limited: true});
