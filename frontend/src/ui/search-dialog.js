// Message search (docs/protocol.md section 13), opened with Ctrl+K (⌘K) or "/" outside a text field: results as one
// types, newest first, grouped by room, the words found marked; "More results" pages on with next_before;
// a result opens its room at that message (older history is loaded until it is there).

import { el, clear } from './dom.js';
import { formatFullTime, formatClock, dayLabel } from './format.js';
import { parseMarkup, plainText } from './markup.js';

const SEARCH_DELAY_MS = 250;
const PAGE = 20;
const EXCERPT = 160;

/** The words of a query, as the server matches them (every word, case-insensitive). */
export function queryWords(q) {
  return String(q || '').trim().split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
}

/**
 * A message's text shortened around the first word found, split into [{text, match}] (the words marked).
 */
export function excerptParts(text, words, max = EXCERPT) {
  let value = String(text || '').replace(/\s+/g, ' ').trim();
  const lower = value.toLowerCase();
  const first = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  if (value.length > max) {
    const start = Math.max(0, Math.min(first - Math.floor(max / 3), value.length - max));
    value = `${start > 0 ? '…' : ''}${value.slice(start, start + max)}${start + max < value.length ? '…' : ''}`;
  }
  const parts = [];
  const low = value.toLowerCase();
  let i = 0;
  while (i < value.length) {
    let best = -1;
    let length = 0;
    for (const w of words) {
      const at = low.indexOf(w, i);
      if (at >= 0 && (best < 0 || at < best || (at === best && w.length > length))) {
        best = at;
        length = w.length;
      }
    }
    if (best < 0 || length === 0) {
      parts.push({ text: value.slice(i), match: false });
      break;
    }
    if (best > i) parts.push({ text: value.slice(i, best), match: false });
    parts.push({ text: value.slice(best, best + length), match: true });
    i = best + length;
  }
  return parts;
}

export class SearchDialog {
  /** roomName(id): the name known at once; resolveRoom(id) -> Promise of a better one (rooms one is not in). */
  constructor({ dialog, form, input, scope, results, status, moreButton, closeButton, rest, t, locale, currentRoom, roomName,
    resolveRoom = async () => null, onJump }) {
    this.dialog = dialog;
    this.input = input;
    this.scope = scope;
    this.results = results;
    this.status = status;
    this.moreButton = moreButton;
    this.rest = rest;
    this.t = t;
    this.locale = locale;
    this.currentRoom = currentRoom;
    this.roomName = roomName;
    this.resolveRoom = resolveRoom;
    this.onJump = onJump;
    this.groups = new Map(); // room -> ol
    this.next = null;
    this.asked = 0;
    this.timer = null;
    closeButton.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.timer);
      this.#search(false);
    });
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.#search(false), SEARCH_DELAY_MS);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') { // a search field would only clear itself: Esc closes the dialog
        event.preventDefault();
        dialog.close();
      }
      if (event.key === 'ArrowDown') {
        const first = this.results.querySelector('[data-testid="search-result"]');
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    scope.addEventListener('change', () => this.#search(false));
    moreButton.addEventListener('click', () => this.#search(true));
    results.addEventListener('click', (event) => {
      const button = event.target.closest('[data-testid="search-result"]');
      if (!button) return;
      dialog.close();
      this.onJump(button.dataset.room, Number(button.dataset.id));
    });
    results.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const all = Array.from(results.querySelectorAll('[data-testid="search-result"]'));
      const index = all.indexOf(document.activeElement);
      if (index < 0) return;
      event.preventDefault();
      if (event.key === 'ArrowUp' && index === 0) input.focus();
      else all[Math.max(0, Math.min(all.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))].focus();
    });
  }

  open() {
    const room = this.currentRoom();
    const option = this.scope.querySelector('option[value="room"]');
    if (option) option.textContent = this.t('search.inRoom', this.roomName(room));
    if (!this.dialog.open) this.dialog.showModal();
    this.input.focus();
    this.input.select();
  }

  async #search(more) {
    const q = this.input.value.trim();
    const ask = ++this.asked;
    if (!q) {
      this.#clear();
      this.status.textContent = this.t('search.hint');
      this.moreButton.hidden = true;
      return;
    }
    const room = this.scope.value === 'room' ? this.currentRoom() : undefined;
    this.status.textContent = this.t('search.searching');
    let page;
    try {
      page = await this.rest.search({ q, room, before: more ? this.next : undefined, limit: PAGE });
    } catch (error) {
      if (ask === this.asked) this.status.textContent = this.t('search.failed', error.detail || error.message || '');
      return;
    }
    if (ask !== this.asked) return;
    if (!more) this.#clear();
    const words = queryWords(q);
    for (const message of page.messages || []) this.#add(message, words);
    this.next = page.next_before ?? null;
    this.moreButton.hidden = !page.has_more || this.next === null;
    const count = this.results.querySelectorAll('[data-testid="search-result"]').length;
    this.status.textContent = count === 0 ? this.t('search.none', q) : this.t(count === 1 ? 'search.one' : 'search.count', count);
  }

  #clear() {
    clear(this.results);
    this.groups.clear();
    this.next = null;
  }

  #add(message, words) {
    let group = this.groups.get(message.room);
    if (!group) {
      const headingId = `search-group-${this.groups.size}`;
      group = el('ol', { className: 'search-group-list', attrs: { 'aria-labelledby': headingId } });
      const heading = el('h3', { className: 'search-group-title', attrs: { id: headingId }, text: this.roomName(message.room) });
      this.results.appendChild(el('section', { className: 'search-group', testid: 'search-group', dataset: { room: message.room } },
        heading, group));
      this.groups.set(message.room, group);
      this.resolveRoom(message.room).then((name) => { if (name) heading.textContent = name; }).catch(() => {});
    }
    const text = message.text ? plainText(parseMarkup(message.text)) : (message.attachment ? message.attachment.name : '');
    const author = (message.from && (message.from.display_name || message.from.userid)) || '';
    const when = `${dayLabel(message.ts, Date.now(), { today: this.t('day.today'), yesterday: this.t('day.yesterday') }, this.locale)} ${formatClock(message.ts, this.locale)}`;
    group.appendChild(el('li', {},
      el('button', {
        className: 'search-result', testid: 'search-result',
        attrs: { type: 'button' }, dataset: { room: message.room, id: message.id },
      },
      el('span', { className: 'search-result-head' },
        el('span', { className: 'search-result-author', text: author }),
        el('time', { className: 'search-result-time', attrs: { datetime: new Date(message.ts).toISOString(), title: formatFullTime(message.ts, this.locale) }, text: when })),
      el('span', { className: 'search-result-text' }, excerptParts(text, words).map((part) => (part.match
        ? el('mark', { text: part.text }) : part.text))))));
  }
}
