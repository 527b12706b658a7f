// One message in the list: avatar, sender, time, the quoted message it replies to, its text (formatted by
// markup.js into DOM nodes, never HTML), "(edited)", attachment, reactions and its delivery state; a deleted
// message is a quiet tombstone. Buttons carry data-action; the list handles their clicks in one place
// (message-actions.js), so a row holds no listeners of its own.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';
import { formatClock, formatFullTime, truncate } from './format.js';
import { parseMarkup, renderMarkup, plainText } from './markup.js';

const REPLY_EXCERPT_SHOWN = 140; // characters of the quoted text in the row

/** Whether the message mentions the reader (their userid in `mentions`). */
export function mentionsMe(entry, me) {
  return Boolean(me && Array.isArray(entry.mentions) && entry.mentions.includes(me.userid) && !entry.mine);
}

/** A string that changes whenever the row must be drawn again. */
export function rowSignature(entry, continued, attachmentSource, extra = '') {
  const a = entry.attachment;
  return [
    entry.id, entry.status, entry.error, entry.text, entry.ts, continued, entry.version,
    entry.from && entry.from.display_name,
    a ? `${a.id}:${a.name}:${a.type}:${a.size}` : '', attachmentSource || '', extra,
  ].join('\u0001');
}

export function createMessageRow() {
  return el('li', { className: 'message', testid: 'message', attrs: { tabindex: '-1' } });
}

/** "Ann, Bob and 3 others" for a reaction's tooltip. */
export function reactorNames(reaction, nameOf, t) {
  const names = (reaction.userids || []).map((userid) => nameOf(userid));
  const others = Math.max(0, (reaction.count || 0) - names.length);
  const list = names.join(', ');
  return others > 0 ? t('reactions.andOthers', list, others) : list;
}

function replyQuote(reply, t) {
  if (reply.deleted) {
    return el('button', {
      className: 'reply-quote is-deleted', testid: 'reply-quote',
      attrs: { type: 'button', 'aria-label': t('reply.jumpDeleted') },
      dataset: { action: 'jump-reply', target: reply.id },
    }, el('span', { className: 'reply-text', text: t('reply.deleted') }));
  }
  const author = (reply.from && (reply.from.display_name || reply.from.userid)) || '';
  const excerpt = truncate(plainText(parseMarkup(String(reply.text || ''))).replace(/\s+/g, ' '), REPLY_EXCERPT_SHOWN);
  return el('button', {
    className: 'reply-quote', testid: 'reply-quote',
    attrs: { type: 'button', 'aria-label': t('reply.jump', author) },
    dataset: { action: 'jump-reply', target: reply.id },
  }, el('span', { className: 'reply-author', text: author }), el('span', { className: 'reply-text', text: excerpt }));
}

function reactionsBar(entry, ctx) {
  const { t, me, nameOf } = ctx;
  const chips = entry.reactions.map((reaction) => {
    const mine = Array.isArray(reaction.userids) && reaction.userids.includes(me.userid);
    const who = reactorNames(reaction, nameOf, t);
    return el('button', {
      className: `reaction${mine ? ' is-mine' : ''}`,
      testid: 'reaction',
      attrs: { type: 'button', 'aria-pressed': String(mine), title: t('reactions.who', who, reaction.emoji),
        'aria-label': t('reactions.label', reaction.emoji, reaction.count, who) },
      dataset: { action: 'toggle-reaction', emoji: reaction.emoji },
    }, el('span', { className: 'reaction-emoji', attrs: { 'aria-hidden': 'true' }, text: reaction.emoji }),
    el('span', { className: 'reaction-count', attrs: { 'aria-hidden': 'true' }, text: String(reaction.count) }));
  });
  const add = el('button', {
    className: 'reaction reaction-add', testid: 'reaction-add',
    attrs: { type: 'button', title: t('actions.react'), 'aria-label': t('actions.react') },
    dataset: { action: 'react' },
  }, el('span', { className: 'icon icon-smile', attrs: { 'aria-hidden': 'true' } }));
  return el('div', { className: 'reactions', testid: 'reactions' }, chips, add);
}

/**
 * Draws `entry` into `li`. ctx: {continued, locale, t, attachmentView(entry) -> Element|null,
 * me {userid, username}, nameOf(userid) -> display name}.
 */
export function drawMessageRow(li, entry, ctx) {
  const { continued, locale, t, me } = ctx;
  const forMe = mentionsMe(entry, me);
  li.className = [
    'message',
    continued ? 'continued' : '',
    entry.mine ? 'mine' : '',
    `status-${entry.status}`,
    entry.deleted ? 'is-deleted' : '',
    forMe ? 'mentions-me' : '',
  ].filter(Boolean).join(' ');
  li.dataset.key = entry.key;
  li.dataset.status = entry.status;
  if (entry.id !== null) li.dataset.id = String(entry.id);
  else delete li.dataset.id;
  if (entry.client_msg_id) li.dataset.clientMsgId = entry.client_msg_id;
  if (entry.from && entry.from.userid) li.dataset.userid = entry.from.userid;
  if (forMe) li.dataset.mentionsMe = 'true';
  else delete li.dataset.mentionsMe;
  if (entry.deleted) li.dataset.deleted = 'true';
  else delete li.dataset.deleted;

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
    el('button', {
      className: 'message-author', testid: 'message-author', text: name,
      attrs: { type: 'button', title: t('profile.open', name) }, dataset: { action: 'profile' },
    }),
    time);

  let content;
  if (entry.deleted) {
    content = el('p', { className: 'message-deleted', testid: 'message-deleted', text: t('message.deleted') });
  } else {
    const text = el('div', { className: 'message-text', testid: 'message-text' });
    renderMarkup(parseMarkup(entry.text, { me: me && me.username, mentionsMe: forMe }), text);
    const edited = entry.editedAt ? el('span', {
      className: 'message-edited', testid: 'message-edited', text: t('message.edited'),
      attrs: { title: formatFullTime(entry.editedAt, locale) },
    }) : null;
    content = el('div', { className: 'message-content' }, text, edited);
  }

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
    !entry.deleted && entry.replyTo ? replyQuote(entry.replyTo, t) : null,
    content,
    !entry.deleted && entry.attachment ? ctx.attachmentView(entry) : null,
    !entry.deleted && entry.reactions && entry.reactions.length > 0 ? reactionsBar(entry, ctx) : null,
    status);

  clear(li);
  li.append(gutter, body);
}
