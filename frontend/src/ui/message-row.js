// One message in the list: avatar, sender, time, text (links made clickable,
// everything else as plain text), attachment, and its delivery state.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';
import { formatClock, formatFullTime } from './format.js';
import { splitLinks } from './linkify.js';

/** A string that changes whenever the row must be drawn again. */
export function rowSignature(entry, continued, attachmentSource) {
  const a = entry.attachment;
  return [
    entry.id, entry.status, entry.error, entry.text, entry.ts, continued,
    entry.from && entry.from.display_name,
    a ? `${a.id}:${a.name}:${a.type}:${a.size}` : '', attachmentSource || '',
  ].join('\u0001');
}

function textWithLinks(text) {
  return splitLinks(text).map((part) => (part.type === 'link'
    ? el('a', { className: 'message-link', attrs: { href: part.value, target: '_blank', rel: 'noopener noreferrer nofollow' }, text: part.value })
    : document.createTextNode(part.value)));
}

export function createMessageRow() {
  return el('li', { className: 'message', testid: 'message' });
}

/**
 * Draws `entry` into `li`. ctx: {continued, locale, t, attachmentView(entry) -> Element|null}.
 */
export function drawMessageRow(li, entry, ctx) {
  const { continued, locale, t } = ctx;
  li.className = [
    'message',
    continued ? 'continued' : '',
    entry.mine ? 'mine' : '',
    `status-${entry.status}`,
  ].filter(Boolean).join(' ');
  li.dataset.key = entry.key;
  li.dataset.status = entry.status;
  if (entry.id !== null) li.dataset.id = String(entry.id);
  else delete li.dataset.id;
  if (entry.client_msg_id) li.dataset.clientMsgId = entry.client_msg_id;
  if (entry.from && entry.from.userid) li.dataset.userid = entry.from.userid;

  const name = (entry.from && (entry.from.display_name || entry.from.userid)) || '';
  const clock = formatClock(entry.ts, locale);
  const time = el('time', {
    className: 'message-time',
    attrs: { datetime: new Date(entry.ts).toISOString(), title: formatFullTime(entry.ts, locale) },
    text: clock,
  });

  const gutter = el('div', { className: 'message-gutter' },
    continued ? el('span', { className: 'message-gutter-time', attrs: { 'aria-hidden': 'true' }, text: clock }) : avatar(entry.from, 'md'));

  const header = continued ? null : el('div', { className: 'message-header' },
    el('span', { className: 'message-author', testid: 'message-author', text: name }),
    time);

  const text = el('div', { className: 'message-text', testid: 'message-text' }, textWithLinks(entry.text));

  let status = null;
  if (entry.status === 'pending') {
    status = el('div', { className: 'message-status', testid: 'message-status', text: t('message.pending') });
  } else if (entry.status === 'failed') {
    status = el('div', { className: 'message-status', testid: 'message-status', attrs: { role: 'alert' },
      text: entry.error ? t('message.failedReason', entry.error) : t('message.failed') });
  }

  const body = el('div', { className: 'message-body' },
    header,
    continued ? el('span', { className: 'visually-hidden', text: `${name} ${clock}` }) : null,
    text,
    entry.attachment ? ctx.attachmentView(entry) : null,
    status);

  clear(li);
  li.append(gutter, body);
}
