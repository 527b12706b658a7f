// The developer status bar (state, protocol, RTT, heartbeat counters, ...) folds into a small connection
// indicator: folded by default on a phone (it took 63 of 844 pixels), open by default on a desktop; a tap
// on the indicator opens or folds it, and the choice is remembered.

export const STATUS_KEY = 'pulse-chat.status-bar';

export class StatusToggle {
  constructor({ bar, button, details, storage, wide = window.matchMedia('(min-width: 721px)') }) {
    this.bar = bar;
    this.button = button;
    this.details = details;
    this.storage = storage;
    let stored = null;
    try {
      stored = storage ? storage.getItem(STATUS_KEY) : null;
    } catch {
      stored = null;
    }
    this.set(stored === 'open' || stored === 'closed' ? stored === 'open' : wide.matches, false);
    button.addEventListener('click', () => this.set(!this.open, true));
  }

  set(open, remember) {
    this.open = open;
    this.details.hidden = !open;
    this.bar.classList.toggle('is-folded', !open);
    this.button.setAttribute('aria-expanded', String(open));
    if (!remember) return;
    try {
      if (this.storage) this.storage.setItem(STATUS_KEY, open ? 'open' : 'closed');
    } catch {
      // the choice lasts for this page
    }
  }
}
