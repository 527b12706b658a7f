// Room ids as the server accepts them: ^[a-z0-9][a-z0-9_-]{0,31}$ (PROTOCOL.md section 2).

export const ROOM_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function isValidRoomId(id) {
  return ROOM_ID_PATTERN.test(String(id ?? ''));
}

/** Suggests an id from a room name: "Team Berlin!" -> "team-berlin". */
export function suggestRoomId(name) {
  const ascii = String(name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = ascii
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 32)
    .replace(/[-_]+$/, '');
  return slug;
}
