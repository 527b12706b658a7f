// Loads history over REST into a room's store: the newest page when a room is
// first shown, older pages when the user scrolls up (before=), and the missed
// messages after a join or an incomplete resume (after=). The store drops what
// it already has, so overlapping pages never show a message twice.

const PAGE_SIZE = 50;
const CATCH_UP_PAGE_SIZE = 200;
const MAX_CATCH_UP_PAGES = 20;

export class HistoryLoader {
  constructor({ rest }) {
    this.rest = rest;
    this.changeListeners = []; // (room, {olderPrepended, newMessages, loadingOlder, added})
    this.errorListeners = []; // (error, room)
    this.latest = new Map(); // room -> Promise of the first page
    this.older = new Set(); // rooms loading an older page
    this.catchingUp = new Map(); // room -> Promise
  }

  /** Listeners, added by those built after the loader (the chat state, the app). */
  subscribe({ change, error }) {
    if (change) this.changeListeners.push(change);
    if (error) this.errorListeners.push(error);
  }

  onChange(room, change) {
    for (const fn of this.changeListeners) fn(room, change);
  }

  onError(error, room) {
    for (const fn of this.errorListeners) fn(error, room);
  }

  /** The newest page, once per room. Resolves when it is in the store. */
  ensureLatest(store) {
    if (store.historyLoaded) return Promise.resolve();
    if (!this.latest.has(store.room)) {
      const promise = this.rest.history(store.room, { limit: PAGE_SIZE })
        .then((page) => {
          const added = store.addHistory(page.messages, page.has_more, 'latest');
          this.onChange(store.room, { newMessages: added.length > 0 });
        })
        .catch((error) => {
          this.latest.delete(store.room);
          this.onError(error, store.room);
        });
      this.latest.set(store.room, promise);
    }
    return this.latest.get(store.room);
  }

  /**
   * Loads older pages (200 at a time) until the message `id` is in the store, at most `maxPages` pages:
   * a search result or a reply's original far up. Resolves true when it is there.
   */
  async loadUntil(store, id, maxPages = 20) {
    await this.ensureLatest(store);
    for (let page = 0; page < maxPages && !store.get(id); page += 1) {
      const before = store.minId;
      if (!store.hasMore || before === null || before <= id) break;
      this.onChange(store.room, { loadingOlder: true });
      try {
        const result = await this.rest.history(store.room, { before, limit: CATCH_UP_PAGE_SIZE });
        store.addHistory(result.messages, result.has_more, 'older');
      } catch (error) {
        this.onError(error, store.room);
        break;
      } finally {
        this.onChange(store.room, { olderPrepended: true, loadingOlder: false });
      }
    }
    return Boolean(store.get(id));
  }

  isLoadingOlder(room) {
    return this.older.has(room);
  }

  /** The page before the oldest message shown. Returns false when there is nothing to do. */
  loadOlder(store) {
    if (!store.historyLoaded || !store.hasMore || this.older.has(store.room)) return false;
    const before = store.minId;
    if (before === null) return false;
    this.older.add(store.room);
    this.onChange(store.room, { loadingOlder: true });
    this.rest.history(store.room, { before, limit: PAGE_SIZE })
      .then((page) => {
        store.addHistory(page.messages, page.has_more, 'older');
      })
      .catch((error) => this.onError(error, store.room))
      .finally(() => {
        this.older.delete(store.room);
        this.onChange(store.room, { olderPrepended: true, loadingOlder: false });
      });
    return true;
  }

  /**
   * Brings the store up to date, page by page: by revision (everything new or changed since the newest
   * revision loaded over REST, so edits, deletes and reactions made while the room was not subscribed show),
   * or, without a revision, everything newer than the newest message. Used after our own join and when a
   * resume was incomplete. Resolves with the room's revision reached (0 when unknown).
   */
  catchUp(store) {
    const running = this.catchingUp.get(store.room);
    if (running) return running.then(() => this.catchUp(store));
    const promise = this.ensureLatest(store).then(async () => {
      let rev = store.restRev;
      if (rev > 0) {
        for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
          const result = await this.rest.history(store.room, { sinceRev: rev, limit: CATCH_UP_PAGE_SIZE });
          const { added, changed } = store.addChanges(result.messages);
          if (added.length > 0 || changed > 0) this.onChange(store.room, { newMessages: added.length > 0, added, changed });
          rev = store.restRev;
          if (!result.has_more || result.messages.length === 0) break;
        }
        this.onChange(store.room, { caughtUp: rev });
        return rev;
      }
      for (let page = 0; page < MAX_CATCH_UP_PAGES; page += 1) {
        const after = store.maxId;
        if (after === null) return;
        const result = await this.rest.history(store.room, { after, limit: CATCH_UP_PAGE_SIZE });
        const added = store.addHistory(result.messages, result.has_more, 'newer');
        if (added.length > 0) this.onChange(store.room, { newMessages: true, added });
        if (!result.has_more || result.messages.length === 0) return 0;
      }
      return 0;
    }).catch((error) => this.onError(error, store.room))
      .finally(() => this.catchingUp.delete(store.room));
    this.catchingUp.set(store.room, promise);
    return promise;
  }
}
