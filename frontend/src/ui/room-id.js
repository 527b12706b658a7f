// Room ids as the server accepts them (the pattern lives in protocol.js), and an id suggested from a name.

import { ROOM_ID_PATTERN, isValidRoomId } from '../protocol.js';

export { ROOM_ID_PATTERN, isValidRoomId };

/**
 * Suggests an id from a room name: "Team Berlin!" -> "team-berlin". A name with no Latin letters or
 * digits (「设计团队」) gets a short id from a hash of the name ("room-1x2y3z"), so every name has a valid one.
 */
export function suggestRoomId(name) {
  const value = String(name ?? '').trim();
  const ascii = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = ascii
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 32)
    .replace(/[-_]+$/, '');
  if (slug || !value) return slug;
  return `room-${hash36(value)}`;
}

// FNV-1a over the code points, in base 36: stable, short, not meant to be secret.
function hash36(text) {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
