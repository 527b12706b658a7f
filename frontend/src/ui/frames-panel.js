// The frames panel: every frame the connection sent or received, in a table
// with the columns of the devtools view (Data, Length, Time). Rows are kept
// even while the panel is closed, capped to the newest MAX_ROWS.

import { el, clear } from './dom.js';
import { describeFrame } from './frame-format.js';

export const MAX_ROWS = 500;

export class FramesPanel {
  constructor({ panel, body, scroller, toggle, clearButton, count }) {
    this.panel = panel;
    this.body = body;
    this.scroller = scroller;
    this.toggleButton = toggle;
    this.count = count;
    this.total = 0;
    toggle.addEventListener('click', () => this.setOpen(panel.hidden));
    clearButton.addEventListener('click', () => {
      clear(this.body);
      this.#updateCount();
    });
  }

  setOpen(open) {
    this.panel.hidden = !open;
    this.toggleButton.setAttribute('aria-pressed', String(open));
    this.toggleButton.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('frames-open', open);
    if (open) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  add(frame) {
    const row = describeFrame(frame);
    const stick = this.panel.hidden
      || this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 24;
    const arrow = row.dir === 'sent' ? '↑' : '↓';
    const tr = el('tr', {
      className: `frame frame-${row.tone}`,
      testid: 'frame',
      dataset: { dir: row.dir, kind: row.kind },
    },
    el('td', { className: 'frame-data', attrs: { title: row.title } },
      el('span', { className: `frame-arrow frame-arrow-${row.dir}`, attrs: { 'aria-hidden': 'true' }, text: arrow }),
      el('span', { className: 'visually-hidden', text: `${row.dir} ` }),
      el('span', { className: 'frame-text', text: row.text })),
    el('td', { className: 'frame-length', text: String(row.length) }),
    el('td', { className: 'frame-time', text: row.time }));
    this.body.appendChild(tr);
    while (this.body.rows.length > MAX_ROWS) this.body.deleteRow(0);
    this.total += 1;
    this.#updateCount();
    if (stick && !this.panel.hidden) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  #updateCount() {
    this.count.textContent = String(this.body.rows.length);
  }
}
