// The message list of the open room. Rows are keyed (a pending message keeps
// its row when it is acknowledged), grouped by sender, split by day, with a
// "new messages" divider after the reader's last read message. The view
// sticks to the bottom unless the user scrolled up (also when the space around
// it changes: a banner, the composer growing); scrolling to the top asks for
// older history. What is in view is reported as read (onRead), and a message
// can be brought into view and marked (scrollToMessage: a reply's original, a
// search result).

import { el } from './dom.js';
import { dayKey, dayLabel } from './format.js';
import { createMessageRow, drawMessageRow, rowSignature } from './message-row.js';

/** A gap this long between two messages of one author starts a new group (with its header). */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;
/** A group this long repeats its header, so the author stays in view in a long run of messages. */
export const GROUP_MAX = 20;
const BOTTOM_SLACK_PX = 48;
const TOP_TRIGGER_PX = 120;

/** Whether `entry` joins the group of `prev` (which has `size` messages already). */
export function continuesGroup(prev, entry, size = 1) {
  return Boolean(prev)
    && size < GROUP_MAX
    && !entry.attachment && !prev.attachment && !entry.replyTo
    && prev.from && entry.from && prev.from.userid === entry.from.userid
    && Math.abs(entry.ts - prev.ts) < GROUP_WINDOW_MS
    && dayKey(prev.ts) === dayKey(entry.ts);
}

export class MessageList {
  constructor({ scroller, list, historyStatus, loadOlderButton, jumpButton, t, locale, attachmentView, attachmentSource, roomName, onNearTop,
    me = { userid: '', username: '' }, nameOf = (userid) => userid, namesVersion = () => 0, onRead = () => {}, onRendered = () => {} }) {
    this.scroller = scroller;
    this.list = list;
    this.historyStatus = historyStatus;
    this.loadOlderButton = loadOlderButton;
    this.jumpButton = jumpButton;
    this.t = t;
    this.locale = locale;
    this.attachmentView = attachmentView;
    this.attachmentSource = attachmentSource;
    this.roomName = roomName;
    this.me = me;
    this.nameOf = nameOf;
    this.namesVersion = namesVersion;
    this.onRead = onRead;
    this.onRendered = onRendered;
    this.dividers = new Map(); // room -> id after which the "new messages" divider stands
    this.dividerScroll = false; // the room was just opened with a divider: bring it into view once it shows
    this.readFrame = 0;
    this.onNearTop = () => { if (this.store) onNearTop(this.store); };
    this.store = null;
    this.nodes = new Map(); // key -> li
    this.atBottom = true;
    this.loadingOlder = false;
    this.scrollMemory = new Map(); // room -> {top, atBottom}

    scroller.addEventListener('scroll', () => this.#onScroll(), { passive: true });
    // an image finished loading (load does not bubble: listen while it goes down)
    list.addEventListener('load', () => this.contentGrew(), true);
    // the scroller got smaller or larger (a banner above, the composer below): keep the bottom in view
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.contentGrew()).observe(scroller);
    jumpButton.addEventListener('click', () => this.scrollToBottom(true));
    loadOlderButton.addEventListener('click', () => this.onNearTop());
  }

  /**
   * Shows another room's messages; dividerAfter: the reader's last read id when there are unread messages
   * (the "new messages" divider goes after it and the view opens there), or null.
   */
  show(store, { dividerAfter = null } = {}) {
    if (dividerAfter !== null) this.dividers.set(store.room, dividerAfter);
    else this.dividers.delete(store.room);
    if (this.store) {
      this.scrollMemory.set(this.store.room, { top: this.scroller.scrollTop, atBottom: this.atBottom });
    }
    this.store = store;
    this.nodes.clear();
    this.list.replaceChildren();
    this.list.dataset.room = store.room;
    this.#reconcile();
    this.#renderHistoryStatus();
    const memory = this.scrollMemory.get(store.room);
    this.dividerScroll = dividerAfter !== null;
    if (this.dividerScroll && this.#placeAtDivider()) {
      this.dividerScroll = false;
    } else if (memory && !memory.atBottom && dividerAfter === null) {
      this.scroller.scrollTop = memory.top;
      this.atBottom = false;
    } else {
      this.scrollToBottom(false);
    }
    this.jumpButton.hidden = true;
    this.#fillViewport();
    this.#reportRead();
  }

  /** The divider of the open room goes (the reader sent a message, or read on). */
  clearDivider() {
    if (!this.store || !this.dividers.has(this.store.room)) return;
    this.dividers.delete(this.store.room);
    this.update();
  }

  /**
   * Brings a message into view, marks it for a moment and gives it the focus. Returns false when it is not
   * in the list (load its history first).
   */
  scrollToMessage(id) {
    const node = this.list.querySelector(`[data-testid="message"][data-id="${Number(id)}"]`);
    if (!node) return false;
    this.dividerScroll = false;
    if (typeof node.scrollIntoView === 'function') node.scrollIntoView({ block: 'center' });
    this.#onScroll();
    node.classList.remove('is-highlighted');
    void node.offsetWidth; // restart the animation
    node.classList.add('is-highlighted');
    setTimeout(() => node.classList.remove('is-highlighted'), 2600);
    node.focus({ preventScroll: true });
    return true;
  }

  /**
   * Redraws after the store changed. options.olderPrepended keeps the visible
   * messages in place while a page of older history appears above them.
   * options.forceBottom scrolls down (our own message).
   */
  update({ olderPrepended = false, forceBottom = false, newMessages = false } = {}) {
    if (!this.store) return;
    const wasAtBottom = this.atBottom;
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    this.#reconcile();
    this.#renderHistoryStatus();
    if (this.dividerScroll && !forceBottom && this.store.historyLoaded) {
      this.dividerScroll = false;
      if (this.#placeAtDivider()) {
        this.#reportRead();
        return;
      }
    }
    if (forceBottom || (wasAtBottom && !olderPrepended)) {
      this.scrollToBottom(false);
    } else if (olderPrepended) {
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
    } else if (newMessages) {
      this.jumpButton.hidden = false;
    }
    if (olderPrepended) this.#fillViewport();
    this.#reportRead();
  }

  /** The page became visible or the window got the focus: what is in view is read now. */
  visibilityChanged() {
    this.#reportRead();
  }

  // Opens at the divider when the unread messages do not fit below it; true when it did.
  #placeAtDivider() {
    const divider = this.list.querySelector('[data-testid="unread-divider"]');
    if (!divider) return false;
    const top = divider.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top + this.scroller.scrollTop;
    if (this.scroller.scrollHeight - top <= this.scroller.clientHeight) {
      this.scrollToBottom(false);
    } else {
      this.scroller.scrollTop = Math.max(0, top - 16);
      this.atBottom = false;
    }
    return true;
  }

  // The newest message whose top is in view counts as read (once a frame at most).
  #reportRead() {
    if (this.readFrame || typeof requestAnimationFrame !== 'function') return;
    this.readFrame = requestAnimationFrame(() => {
      this.readFrame = 0;
      if (!this.store || document.visibilityState !== 'visible') return;
      const bottom = this.scroller.getBoundingClientRect().bottom;
      const rows = this.list.children;
      for (let i = rows.length - 1; i >= 0; i -= 1) {
        const row = rows[i];
        if (!row.dataset.id) continue;
        if (row.getBoundingClientRect().top < bottom - 8) {
          this.onRead(this.store, Number(row.dataset.id));
          return;
        }
      }
    });
  }

  setLoadingOlder(loading) {
    this.loadingOlder = loading;
    this.#renderHistoryStatus();
  }

  scrollToBottom(smooth) {
    if (smooth && typeof this.scroller.scrollTo === 'function') {
      this.scroller.scrollTo({ top: this.scroller.scrollHeight, behavior: 'smooth' });
    } else {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
    this.atBottom = true;
    this.jumpButton.hidden = true;
  }

  /** An image finished loading: keep the bottom in view if we were there. */
  contentGrew() {
    if (this.atBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  #onScroll() {
    const { scrollTop, scrollHeight, clientHeight } = this.scroller;
    this.atBottom = scrollHeight - scrollTop - clientHeight < BOTTOM_SLACK_PX;
    if (this.atBottom) this.jumpButton.hidden = true;
    if (scrollTop < TOP_TRIGGER_PX) this.onNearTop();
    this.#reportRead();
  }

  /** Loads more history while the messages do not fill the view yet. */
  #fillViewport() {
    requestAnimationFrame(() => {
      if (this.store && this.store.hasMore && this.scroller.scrollHeight <= this.scroller.clientHeight + TOP_TRIGGER_PX) {
        this.onNearTop();
      }
    });
  }

  #items() {
    const items = [];
    let prev = null;
    let prevDay = null;
    let groupSize = 0;
    const now = Date.now();
    const dividerAfter = this.dividers.has(this.store.room) ? this.dividers.get(this.store.room) : null;
    let dividerShown = dividerAfter === null;
    for (const entry of this.store.list()) {
      if (!dividerShown && entry.id !== null && entry.id > dividerAfter && !entry.mine) {
        items.push({ key: 'unread-divider', divider: true });
        dividerShown = true;
        prev = null;
      }
      const day = dayKey(entry.ts);
      if (day !== prevDay) {
        items.push({ key: `d:${day}`, day: true, label: dayLabel(entry.ts, now, { today: this.t('day.today'), yesterday: this.t('day.yesterday') }, this.locale) });
        prevDay = day;
        prev = null;
      }
      const continued = continuesGroup(prev, entry, groupSize);
      groupSize = continued ? groupSize + 1 : 1;
      items.push({ key: entry.key, entry, continued });
      prev = entry;
    }
    return items;
  }

  #reconcile() {
    const items = this.#items();
    const seen = new Set();
    let index = 0;
    for (const item of items) {
      seen.add(item.key);
      let node = this.nodes.get(item.key);
      if (!node) {
        if (item.divider) {
          node = el('li', { className: 'unread-divider', testid: 'unread-divider' },
            el('span', { className: 'unread-divider-label', text: this.t('messages.newDivider') }));
        } else {
          node = item.day
            ? el('li', { className: 'day-divider' }, el('span', { className: 'day-label' }))
            : createMessageRow();
        }
        this.nodes.set(item.key, node);
      }
      if (item.divider) {
        // drawn once
      } else if (item.day) {
        const label = node.firstChild;
        if (label.textContent !== item.label) label.textContent = item.label;
      } else {
        const source = item.entry.attachment ? this.attachmentSource(item.entry) : '';
        // a row with reactions names who gave them: drawn again when names are learnt
        const names = item.entry.reactions && item.entry.reactions.length ? this.namesVersion() : 0;
        const signature = rowSignature(item.entry, item.continued, source, names);
        if (node.signature !== signature) {
          drawMessageRow(node, item.entry, {
            continued: item.continued, locale: this.locale, t: this.t, attachmentView: this.attachmentView,
            me: this.me, nameOf: this.nameOf,
          });
          node.signature = signature;
        }
      }
      const current = this.list.children[index];
      if (current !== node) this.list.insertBefore(node, current || null);
      index += 1;
    }
    while (this.list.children.length > index) this.list.lastElementChild.remove();
    for (const key of Array.from(this.nodes.keys())) {
      if (!seen.has(key)) this.nodes.delete(key);
    }
    this.onRendered(this.list);
  }

  #renderHistoryStatus() {
    const store = this.store;
    let text = '';
    let showButton = false;
    if (!store || !store.historyLoaded) {
      text = this.t('history.loading');
    } else if (this.loadingOlder) {
      text = this.t('history.loadingOlder');
    } else if (store.hasMore) {
      showButton = true;
    } else {
      const name = this.roomName(store.room);
      text = store.size === 0 ? this.t('history.empty', name) : this.t('history.start', name);
    }
    this.historyStatus.textContent = text;
    this.historyStatus.hidden = !text;
    this.loadOlderButton.hidden = !showButton;
    const intro = Boolean(store && store.historyLoaded && !this.loadingOlder && !store.hasMore);
    this.historyStatus.parentElement.classList.toggle('is-intro', intro);
  }
}
