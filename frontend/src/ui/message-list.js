// The message list of the open room. Rows are keyed (a pending message keeps
// its row when it is acknowledged), grouped by sender, split by day. The view
// sticks to the bottom unless the user scrolled up (also when the space around
// it changes: a banner, the composer growing); scrolling to the top asks for
// older history.

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
    && !entry.attachment && !prev.attachment
    && prev.from && entry.from && prev.from.userid === entry.from.userid
    && Math.abs(entry.ts - prev.ts) < GROUP_WINDOW_MS
    && dayKey(prev.ts) === dayKey(entry.ts);
}

export class MessageList {
  constructor({ scroller, list, historyStatus, loadOlderButton, jumpButton, t, locale, attachmentView, attachmentSource, roomName, onNearTop }) {
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

  /** Shows another room's messages. */
  show(store) {
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
    if (memory && !memory.atBottom) {
      this.scroller.scrollTop = memory.top;
      this.atBottom = false;
    } else {
      this.scrollToBottom(false);
    }
    this.jumpButton.hidden = true;
    this.#fillViewport();
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
    if (forceBottom || (wasAtBottom && !olderPrepended)) {
      this.scrollToBottom(false);
    } else if (olderPrepended) {
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
    } else if (newMessages) {
      this.jumpButton.hidden = false;
    }
    if (olderPrepended) this.#fillViewport();
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
    for (const entry of this.store.list()) {
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
        node = item.day
          ? el('li', { className: 'day-divider' }, el('span', { className: 'day-label' }))
          : createMessageRow();
        this.nodes.set(item.key, node);
      }
      if (item.day) {
        const label = node.firstChild;
        if (label.textContent !== item.label) label.textContent = item.label;
      } else {
        const source = item.entry.attachment ? this.attachmentSource(item.entry) : '';
        const signature = rowSignature(item.entry, item.continued, source);
        if (node.signature !== signature) {
          drawMessageRow(node, item.entry, {
            continued: item.continued, locale: this.locale, t: this.t, attachmentView: this.attachmentView,
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
