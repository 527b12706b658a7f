// Pure formatting helpers: no DOM, safe to import from node --test.

/** Replaces {0}, {1}, ... in a template with the arguments. */
export function fmt(template, ...args) {
  return String(template).replace(/\{(\d+)\}/g, (whole, index) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

/** "14:05" in the user's locale (24 h or 12 h as the locale prefers). */
export function formatClock(ts, locale) {
  const date = new Date(ts);
  try {
    return new Intl.DateTimeFormat(locale || undefined, { hour: 'numeric', minute: '2-digit' }).format(date);
  } catch {
    return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
}

/** Full date and time, for a tooltip. */
export function formatFullTime(ts, locale) {
  const date = new Date(ts);
  try {
    return new Intl.DateTimeFormat(locale || undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** "14:05:09.123", like the devtools frames view. */
export function formatFrameTime(ts) {
  const date = new Date(ts);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Local calendar day of a timestamp, "2024-05-01". */
export function dayKey(ts) {
  const date = new Date(ts);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Today", "Yesterday" or a localized date. */
export function dayLabel(ts, now, strings, locale) {
  const key = dayKey(ts);
  if (key === dayKey(now)) return strings.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (key === dayKey(yesterday.getTime())) return strings.yesterday;
  try {
    return new Intl.DateTimeFormat(locale || undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })
      .format(new Date(ts));
  } catch {
    return key;
  }
}

/** 0 B, 512 B, 1.5 KB, 10 MB. */
export function formatBytes(n) {
  const value = Number(n) || 0;
  if (value < 1024) return `${value} B`;
  const units = ['KB', 'MB', 'GB'];
  let scaled = value / 1024;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  const text = scaled >= 10 ? String(Math.round(scaled)) : scaled.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit]}`;
}

/** One or two letters for an avatar. */
export function initials(name) {
  const words = String(name || '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = Array.from(words[0])[0];
  const second = words.length > 1 ? Array.from(words[words.length - 1])[0] : '';
  return (first + second).toUpperCase();
}

/** A stable small integer for a string (avatar colour). */
export function hashIndex(text, modulo) {
  let hash = 0;
  for (const ch of String(text || '')) {
    hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  }
  return modulo > 0 ? hash % modulo : hash;
}

/** Number of bytes of a string in UTF-8. */
export function utf8Length(text) {
  let bytes = 0;
  for (const ch of String(text)) {
    const code = ch.codePointAt(0);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Shortens text to max characters with an ellipsis. */
export function truncate(text, max) {
  const value = String(text ?? '');
  return value.length > max ? `${value.slice(0, Math.max(0, max - 1))}…` : value;
}

/** "12 ms", or a dash before the first measurement. */
export function formatRtt(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(Number(ms))) return '—';
  return `${Math.round(Number(ms))} ms`;
}
