// @ completion in the composer: typing "@an" offers the people whose username or display name starts with
// "an" (the room's members first, then the server's user directory), ↑/↓ choose, Enter or Tab inserts
// "@username ", Esc closes. The list is a listbox the textarea points to with aria-activedescendant.

import { el, clear } from './dom.js';
import { avatar } from './avatar.js';

const USERNAME_CHAR = /[a-z0-9_]/;
const WORD_BEFORE = /[\p{L}\p{N}_]/u;
const MAX_SHOWN = 8;

/**
 * The mention being typed at the caret: {start (index of "@"), query} or null. "@" must not follow a letter,
 * digit or "_" (an e-mail address is not a mention), and the query is at most 32 username characters.
 */
export function mentionQueryAt(text, caret) {
  let i = caret;
  while (i > 0 && USERNAME_CHAR.test(text[i - 1]) && caret - i < 32) i -= 1;
  if (i === 0 || text[i - 1] !== '@') return null;
  const at = i - 1;
  if (at > 0 && WORD_BEFORE.test(text[at - 1])) return null;
  return { start: at, query: text.slice(i, caret) };
}

/** Candidates matching a query: username or display name starting with it (case-insensitive), no duplicates. */
export function filterCandidates(candidates, query, max = MAX_SHOWN) {
  const q = query.toLowerCase();
  const seen = new Set();
  const out = [];
  for (const c of candidates) {
    if (!c || !c.username || seen.has(c.username)) continue;
    const name = String(c.display_name || '').toLowerCase();
    const matches = c.username.startsWith(q) || name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q));
    if (!matches) continue;
    seen.add(c.username);
    out.push(c);
    if (out.length >= max) break;
  }
  return out;
}

/** Puts "@username " in place of the typed "@query": {text, caret}. */
export function insertMention(text, { start }, caret, username) {
  const before = text.slice(0, start);
  const after = text.slice(caret).replace(/^[a-z0-9_]*/, '');
  const inserted = `@${username} `;
  return { text: before + inserted + after.replace(/^ /, ''), caret: before.length + inserted.length };
}

export class MentionComplete {
  /**
   * local(query) -> candidates known at once (the room's members); remote(query) -> Promise of more (the
   * directory), asked after a short pause.
   */
  constructor({ textarea, listbox, t, local, remote, onInserted = () => {} }) {
    this.textarea = textarea;
    this.listbox = listbox;
    this.t = t;
    this.local = local;
    this.remote = remote;
    this.onInserted = onInserted;
    this.items = [];
    this.active = 0;
    this.current = null; // {start, query}
    this.timer = null;
    this.asked = 0;
    listbox.hidden = true;
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', listbox.id);
    textarea.addEventListener('input', () => this.refresh());
    textarea.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    textarea.addEventListener('click', () => this.refresh());
    listbox.addEventListener('mousedown', (event) => event.preventDefault()); // keep the focus in the textarea
    listbox.addEventListener('click', (event) => {
      const option = event.target.closest('[data-username]');
      if (option) this.#choose(this.items.findIndex((c) => c.username === option.dataset.username));
    });
  }

  get isOpen() {
    return !this.listbox.hidden;
  }

  /** Keys while the list is open; true when the key was used. */
  handleKey(event) {
    if (!this.isOpen) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.#render();
      return true;
    }
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.#choose(this.active);
      return true;
    }
    if (event.key === 'Escape') {
      this.close();
      return true;
    }
    return false;
  }

  refresh() {
    const caret = this.textarea.selectionStart;
    const found = this.textarea.selectionEnd === caret ? mentionQueryAt(this.textarea.value, caret) : null;
    this.current = found;
    if (!found) {
      this.close();
      return;
    }
    this.#show(filterCandidates(this.local(found.query), found.query));
    clearTimeout(this.timer);
    if (found.query.length >= 1) {
      const ask = ++this.asked;
      this.timer = setTimeout(() => {
        Promise.resolve(this.remote(found.query)).then((more) => {
          if (ask !== this.asked || !this.current || this.current.query !== found.query) return;
          this.#show(filterCandidates([...this.local(found.query), ...(more || [])], found.query));
        }).catch(() => {});
      }, 180);
    }
  }

  close() {
    clearTimeout(this.timer);
    this.asked += 1;
    this.items = [];
    this.listbox.hidden = true;
    this.textarea.removeAttribute('aria-activedescendant');
  }

  #show(items) {
    const same = !this.listbox.hidden && items.length === this.items.length
      && items.every((c, i) => c.username === this.items[i].username);
    if (same) return; // nothing new: the list stays as it is (and where the user moved in it)
    const keep = this.items[this.active]?.username;
    this.items = items;
    const index = items.findIndex((c) => c.username === keep);
    this.active = index >= 0 ? index : 0;
    if (items.length === 0) {
      this.listbox.hidden = true;
      this.textarea.removeAttribute('aria-activedescendant');
      return;
    }
    this.#render();
    this.listbox.hidden = false;
  }

  #render() {
    clear(this.listbox);
    this.items.forEach((c, i) => {
      const id = `${this.listbox.id}-${i}`;
      this.listbox.appendChild(el('li', {
        className: `mention-option${i === this.active ? ' is-active' : ''}`, testid: 'mention-option',
        attrs: { id, role: 'option', 'aria-selected': String(i === this.active) },
        dataset: { username: c.username },
      }, c.username === 'room' ? el('span', { className: 'mention-option-room', attrs: { 'aria-hidden': 'true' }, text: '@' }) : avatar(c, 'xs'),
      el('span', { className: 'mention-option-name', text: c.display_name || c.username }),
      el('span', { className: 'mention-option-username', text: `@${c.username}` })));
    });
    this.textarea.setAttribute('aria-activedescendant', `${this.listbox.id}-${this.active}`);
  }

  #choose(index) {
    const candidate = this.items[index];
    if (!candidate || !this.current) return;
    const result = insertMention(this.textarea.value, this.current, this.textarea.selectionStart, candidate.username);
    this.textarea.value = result.text;
    this.textarea.setSelectionRange(result.caret, result.caret);
    this.close();
    this.textarea.dispatchEvent(new Event('input', { bubbles: true }));
    this.onInserted(candidate);
  }
}
