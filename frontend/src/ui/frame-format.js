// Turns a 'frame' event of the connection into the cells of the frames table,
// like the browser devtools view (seed notes, section 6). Pure (no DOM).

import { formatFrameTime, truncate, utf8Length } from './format.js';

export const OPCODE_NAMES = {
  0: 'Continuation Frame',
  1: 'Text Frame',
  2: 'Binary Frame',
  8: 'Connection Close Frame',
  9: 'Ping Frame',
  10: 'Pong Frame',
};

const KINDS = new Set(['text', 'binary', 'heartbeat', 'close', 'error']);
const MAX_CELL_CHARS = 400;

function dataToText(data) {
  if (data === null || data === undefined) return '';
  if (typeof data === 'string') return data;
  if (typeof ArrayBuffer !== 'undefined' && (data instanceof ArrayBuffer || ArrayBuffer.isView(data))) return '';
  if (typeof data === 'object' && 'code' in data) {
    const parts = [String(data.code)];
    if (data.reason) parts.push(data.reason);
    if (data.wasClean !== undefined) parts.push(data.wasClean ? 'clean' : 'not clean');
    return parts.join(' ');
  }
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}

// "Binary Frame (opcode 2)", keeping what the connection already wrote after it.
function withOpcodeName(name, opcode, raw) {
  if (raw.startsWith(name)) return raw;
  return `${name} (opcode ${opcode})${raw ? ` ${raw}` : ''}`;
}

function byteLength(data) {
  if (data === null || data === undefined) return 0;
  if (typeof data === 'string') return utf8Length(data);
  if (typeof ArrayBuffer !== 'undefined') {
    if (data instanceof ArrayBuffer) return data.byteLength;
    if (ArrayBuffer.isView(data)) return data.byteLength;
  }
  return 0;
}

/**
 * Returns {dir, kind, tone, text, title, length, time}:
 * tone is 'sent' (light green), 'received' (white), 'opcode' (light yellow) or 'error' (light red).
 */
export function describeFrame(frame) {
  const dir = frame.dir === 'sent' ? 'sent' : 'received';
  const kind = KINDS.has(frame.kind) ? frame.kind : 'text';
  const raw = dataToText(frame.data);
  let text;
  if (kind === 'binary') {
    text = withOpcodeName(OPCODE_NAMES[2], 2, raw);
  } else if (kind === 'close') {
    text = withOpcodeName(OPCODE_NAMES[8], 8, raw);
  } else {
    text = raw;
  }
  let tone;
  if (kind === 'error') tone = 'error';
  else if (kind === 'text') tone = dir;
  else tone = 'opcode';
  const length = Number.isFinite(Number(frame.length)) && frame.length !== null && frame.length !== undefined
    ? Number(frame.length)
    : byteLength(frame.data);
  const time = Number.isFinite(Number(frame.time)) && frame.time !== null ? Number(frame.time) : Date.now();
  return {
    dir,
    kind,
    tone,
    text: truncate(text, MAX_CELL_CHARS),
    title: truncate(text, 4000),
    length,
    time: formatFrameTime(time),
  };
}
