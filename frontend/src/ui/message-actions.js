// What can be done to a message, by mouse and by keyboard. One toolbar (react, reply, edit, delete) moves to
// the row under the pointer or with the focus; the buttons inside rows (reactions, the quoted original, the
// author) are handled here too, by delegation, so rows hold no listeners.
//
// Keyboard: the list is one tab stop (a roving tabindex on the rows). ↑/↓ move between messages, Home/End to
// the first/last, R replies, E edits (own messages), Delete deletes (own, or any for the room's owner or an
// admin), + opens the emoji picker, Esc goes back to the composer. Tab from a row reaches its toolbar.

import { el } from './dom.js';

const ACTIONS = ['react', 'reply', 'edit', 'delete'];

export class MessageActions {
  /**
   * entryOf(key) -> the entry of a row; allowed(entry) -> {react, reply, edit, delete};
   * handlers: {react(entry, anchor), reply(entry), edit(entry), delete(entry), toggleReaction(entry, emoji),
   * jumpReply(entry, id), profile(entry, anchor), composer()}.
   */
  constructor({ list, t, entryOf, allowed, handlers }) {
    this.list = list;
    this.t = t;
    this.entryOf = entryOf;
    this.allowed = allowed;
    this.handlers = handlers;
    this.hoverRow = null;
    this.focusKey = null; // the row that holds the roving tab stop

    this.buttons = {};
    const icons = { react: 'smile', reply: 'reply', edit: 'edit', delete: 'trash' };
    for (const action of ACTIONS) {
      const label = t(`actions.${action}`);
      this.buttons[action] = el('button', {
        className: `message-action message-action-${action}`, testid: `action-${action}`,
        attrs: { type: 'button', title: label, 'aria-label': label, tabindex: '-1' },
        dataset: { action: `toolbar-${action}` },
      }, el('span', { className: `icon icon-${icons[action]}`, attrs: { 'aria-hidden': 'true' } }));
    }
    this.toolbar = el('div', {
      className: 'message-actions', testid: 'message-actions',
      attrs: { role: 'toolbar', 'aria-label': t('actions.toolbar') },
    }, ACTIONS.map((a) => this.buttons[a]));

    list.addEventListener('mouseover', (event) => {
      const row = this.#rowOf(event.target);
      if (row && row !== this.hoverRow) this.#attach(row);
    });
    list.addEventListener('mouseleave', () => {
      if (!this.toolbar.contains(document.activeElement) && !this.#rowHasFocus()) this.#detach();
    });
    list.addEventListener('focusin', (event) => {
      const row = this.#rowOf(event.target);
      if (!row) return;
      this.#setRoving(row);
      this.#attach(row); // also on the row under the pointer: its buttons join the Tab order now
    });
    list.addEventListener('click', (event) => this.#onClick(event));
    list.addEventListener('keydown', (event) => this.#onKeydown(event));
  }

  /** After the list was drawn: the toolbar back into its row (a redraw empties rows), one tab stop. */
  rendered() {
    const rows = this.#rows();
    if (this.hoverRow && !this.hoverRow.isConnected) this.hoverRow = null;
    if (this.hoverRow) {
      this.#attach(this.hoverRow);
    } else if (this.toolbar.parentNode) {
      this.toolbar.remove();
    }
    let roving = rows.find((row) => row.dataset.key === this.focusKey) || rows[rows.length - 1] || null;
    for (const row of rows) row.setAttribute('tabindex', row === roving ? '0' : '-1');
    if (roving) this.focusKey = roving.dataset.key;
  }

  /** Focus on a message row (the newest when none is given). */
  focusRow(key = null) {
    const rows = this.#rows();
    const row = rows.find((r) => r.dataset.key === key) || rows[rows.length - 1];
    if (row) row.focus();
  }

  #rows() {
    return Array.from(this.list.querySelectorAll('[data-testid="message"]'));
  }

  #rowOf(node) {
    const row = node && node.closest ? node.closest('[data-testid="message"]') : null;
    return row && this.list.contains(row) ? row : null;
  }

  #rowHasFocus() {
    const active = document.activeElement;
    return Boolean(active && this.list.contains(active));
  }

  #setRoving(row) {
    if (this.focusKey === row.dataset.key) return;
    const previous = this.list.querySelector('[data-testid="message"][tabindex="0"]');
    if (previous && previous !== row) previous.setAttribute('tabindex', '-1');
    row.setAttribute('tabindex', '0');
    this.focusKey = row.dataset.key;
  }

  #attach(row) {
    const entry = this.entryOf(row.dataset.key);
    if (!entry || entry.id === null || entry.deleted) {
      this.#detach();
      return;
    }
    const allowed = this.allowed(entry);
    let any = false;
    for (const action of ACTIONS) {
      this.buttons[action].hidden = !allowed[action];
      any = any || allowed[action];
    }
    if (!any) {
      this.#detach();
      return;
    }
    this.hoverRow = row;
    if (this.toolbar.parentNode !== row) row.appendChild(this.toolbar);
    // the toolbar's buttons take part in Tab order only while their row has the focus
    const focusable = this.#rowHasFocus() ? '0' : '-1';
    for (const action of ACTIONS) this.buttons[action].setAttribute('tabindex', focusable);
  }

  #detach() {
    this.hoverRow = null;
    if (this.toolbar.parentNode) this.toolbar.remove();
  }

  #onClick(event) {
    const button = event.target.closest ? event.target.closest('[data-action]') : null;
    if (!button || !this.list.contains(button)) return;
    const row = this.#rowOf(button);
    const entry = row && this.entryOf(row.dataset.key);
    if (!entry) return;
    const action = button.dataset.action;
    event.preventDefault();
    this.#run(action.replace(/^toolbar-/, ''), entry, button);
  }

  #run(action, entry, anchor) {
    const h = this.handlers;
    const allowed = entry.id !== null && !entry.deleted ? this.allowed(entry) : {};
    switch (action) {
      case 'react': if (allowed.react) h.react(entry, anchor); break;
      case 'reply': if (allowed.reply) h.reply(entry); break;
      case 'edit': if (allowed.edit) h.edit(entry); break;
      case 'delete': if (allowed.delete) h.delete(entry); break;
      case 'toggle-reaction': if (allowed.react) h.toggleReaction(entry, anchor.dataset.emoji); break;
      case 'jump-reply': h.jumpReply(entry, Number(anchor.dataset.target)); break;
      case 'profile': h.profile(entry, anchor); break;
      default:
    }
  }

  #onKeydown(event) {
    const row = this.#rowOf(event.target);
    if (!row || event.target !== row || event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = this.#rows();
    const index = rows.indexOf(row);
    const entry = this.entryOf(row.dataset.key);
    const move = (to) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (target) {
        event.preventDefault();
        target.focus();
        if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'nearest' });
      }
    };
    switch (event.key) {
      case 'ArrowUp': return move(index - 1);
      case 'ArrowDown':
        if (index === rows.length - 1) {
          event.preventDefault();
          this.handlers.composer();
          return undefined;
        }
        return move(index + 1);
      case 'Home': return move(0);
      case 'End': return move(rows.length - 1);
      case 'Escape':
        event.preventDefault();
        this.handlers.composer();
        return undefined;
      default:
    }
    if (!entry) return undefined;
    const key = event.key.toLowerCase();
    const action = key === 'r' ? 'reply' : key === 'e' ? 'edit' : (key === 'delete' || key === 'backspace') ? 'delete'
      : (key === '+' || key === '=') ? 'react' : null;
    if (action) {
      event.preventDefault();
      this.#run(action, entry, action === 'react' ? this.buttons.react.isConnected ? this.buttons.react : row : row);
    }
    return undefined;
  }
}
