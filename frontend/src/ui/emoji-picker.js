// A small emoji picker for reactions: a grid of the emoji people react with most, in a popover next to the
// button that opened it; arrow keys move, Enter or a click picks, Esc closes.

import { el } from './dom.js';
import { Popover, arrowNavigation } from './popover.js';

export const EMOJI = Object.freeze(['👍', '👎', '😀', '😂', '😊', '😍', '🤔', '😮', '😢', '😡', '🎉', '🙏',
  '👏', '🔥', '❤️', '✅', '👀', '🚀', '💯', '✨', '🙌', '😅', '🤝', '💡']);
const COLUMNS = 6;

export class EmojiPicker {
  constructor({ t }) {
    this.onPick = null;
    this.grid = el('div', { className: 'emoji-grid', attrs: { role: 'group', 'aria-label': t('emoji.title') } },
      EMOJI.map((emoji) => el('button', {
        className: 'emoji-option', testid: 'emoji-option',
        attrs: { type: 'button', 'aria-label': emoji, title: emoji },
        dataset: { emoji },
        text: emoji,
      })));
    const root = el('div', {
      className: 'emoji-picker', testid: 'emoji-picker',
      attrs: { role: 'dialog', 'aria-label': t('emoji.title') },
    }, el('p', { className: 'popover-title', text: t('emoji.title') }), this.grid);
    this.popover = new Popover({ root });
    this.grid.addEventListener('click', (event) => {
      const button = event.target.closest('[data-emoji]');
      if (!button) return;
      const pick = this.onPick;
      this.popover.close(true);
      if (pick) pick(button.dataset.emoji);
    });
    arrowNavigation(this.grid, () => Array.from(this.grid.children), COLUMNS);
  }

  get isOpen() {
    return this.popover.isOpen;
  }

  /** Opens next to `anchor`; onPick(emoji) when one is chosen. */
  open(anchor, onPick) {
    this.onPick = onPick;
    this.popover.open(anchor);
    this.grid.firstElementChild.focus();
  }

  close() {
    this.popover.close(false);
  }
}
