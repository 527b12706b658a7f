// A small panel over the page next to the element that opened it (emoji picker, room menu, profile card):
// placed below or above its anchor within the viewport, closed by Esc, by a click outside or by close();
// the focus goes back to the anchor when it closed from inside.

export class Popover {
  /** root: the panel (appended to the body while open). onClose(): after every close. */
  constructor({ root, onClose = () => {} }) {
    this.root = root;
    this.onClose = onClose;
    this.anchor = null;
    root.hidden = true;
    root.classList.add('popover');
    this.onDocumentPointer = (event) => {
      if (!this.root.contains(event.target) && !(this.anchor && this.anchor.contains(event.target))) this.close(false);
    };
    this.onDocumentKey = (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close(true);
      }
    };
    this.onViewportChange = () => this.close(false);
  }

  get isOpen() {
    return !this.root.hidden;
  }

  /** Shows the panel at the anchor (an element, or a {getBoundingClientRect} stand-in). */
  open(anchor) {
    if (this.isOpen) this.close(false);
    this.anchor = anchor;
    if (!this.root.isConnected) document.body.appendChild(this.root);
    this.root.hidden = false;
    this.place();
    document.addEventListener('pointerdown', this.onDocumentPointer, true);
    document.addEventListener('keydown', this.onDocumentKey, true);
    window.addEventListener('resize', this.onViewportChange);
  }

  /** Below the anchor, or above it when there is no room below; never out of the viewport. */
  place() {
    const margin = 8;
    const a = this.anchor.getBoundingClientRect();
    const r = this.root.getBoundingClientRect();
    const width = window.innerWidth;
    const height = window.innerHeight;
    let top = a.bottom + 6;
    if (top + r.height > height - margin && a.top - r.height - 6 > margin) top = a.top - r.height - 6;
    top = Math.max(margin, Math.min(top, height - r.height - margin));
    let left = Math.min(a.left, width - r.width - margin);
    left = Math.max(margin, left);
    this.root.style.top = `${Math.round(top)}px`;
    this.root.style.left = `${Math.round(left)}px`;
  }

  /** restoreFocus: give the focus back to the anchor (Esc, a choice made). */
  close(restoreFocus = true) {
    if (!this.isOpen) return;
    this.root.hidden = true;
    document.removeEventListener('pointerdown', this.onDocumentPointer, true);
    document.removeEventListener('keydown', this.onDocumentKey, true);
    window.removeEventListener('resize', this.onViewportChange);
    const anchor = this.anchor;
    this.anchor = null;
    if (restoreFocus && anchor && typeof anchor.focus === 'function' && anchor.isConnected) anchor.focus();
    this.onClose();
  }
}

/** Arrow keys move the focus among `items()` laid out in rows of `columns` (1 for a list). */
export function arrowNavigation(container, items, columns = 1) {
  container.addEventListener('keydown', (event) => {
    const list = items();
    const index = list.indexOf(document.activeElement);
    if (index < 0) return;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    let next = null;
    if (step !== undefined && (columns > 1 || event.key === 'ArrowDown' || event.key === 'ArrowUp')) next = index + step;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = list.length - 1;
    if (next === null) return;
    event.preventDefault();
    list[Math.max(0, Math.min(list.length - 1, next))].focus();
  });
}
