// The composer: Enter sends, Shift+Enter is a new line (and Enter while an input method is composing
// stays with the IME), the textarea grows with its text, typing notifies the others, the file button
// picks an attachment. Each room keeps its own draft (drafts.js). Lengths count code points, as the
// server does; the limit comes from the settings (the page, then the welcome).

import { codePointLength } from '../protocol.js';

const MAX_HEIGHT_PX = 200;
const COUNTER_FROM_END = 200; // the counter shows when this close to the limit

export class Composer {
  constructor({ form, textarea, sendButton, fileInput, attachButton, counter, t, settings, drafts, onSend, onTyping, onFile }) {
    this.form = form;
    this.textarea = textarea;
    this.sendButton = sendButton;
    this.fileInput = fileInput;
    this.counter = counter;
    this.t = t;
    this.settings = settings;
    this.drafts = drafts;
    this.onSend = onSend;
    this.onTyping = onTyping;
    this.onFile = onFile;
    this.room = null;

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    textarea.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      this.submit();
    });
    textarea.addEventListener('input', () => {
      this.#resize();
      this.#updateState();
      if (this.room !== null) this.drafts.set(this.room, textarea.value);
      if (textarea.value.trim()) this.onTyping();
    });
    attachButton.addEventListener('click', () => fileInput.click());
    fileInput.addEventListener('change', () => {
      const files = Array.from(fileInput.files || []);
      fileInput.value = '';
      for (const file of files) this.onFile(file);
    });
    // Files dropped or pasted into the composer are attachments too.
    textarea.addEventListener('paste', (event) => {
      const files = Array.from((event.clipboardData && event.clipboardData.files) || []);
      if (files.length > 0) {
        event.preventDefault();
        for (const file of files) this.onFile(file);
      }
    });
    form.addEventListener('dragover', (event) => {
      if (event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files')) {
        event.preventDefault();
        form.classList.add('dragging');
      }
    });
    form.addEventListener('dragleave', () => form.classList.remove('dragging'));
    form.addEventListener('drop', (event) => {
      form.classList.remove('dragging');
      const files = Array.from((event.dataTransfer && event.dataTransfer.files) || []);
      if (files.length > 0) {
        event.preventDefault();
        for (const file of files) this.onFile(file);
      }
    });
    settings.onChange(() => this.#updateState());
    this.#updateState();
  }

  /** Another room is open: its placeholder and its draft. */
  setRoom(room, roomName) {
    if (room === this.room) return;
    this.room = room;
    this.textarea.placeholder = this.t('composer.placeholder', roomName);
    this.textarea.value = this.drafts.get(room);
    this.#resize();
    this.#updateState();
  }

  focus() {
    this.textarea.focus();
  }

  submit() {
    const text = this.textarea.value;
    if (!text.trim()) {
      this.textarea.focus();
      return;
    }
    if (codePointLength(text) > this.settings.values.textMax) {
      this.#updateState();
      return;
    }
    const accepted = this.onSend(text);
    if (accepted !== false) {
      this.textarea.value = '';
      if (this.room !== null) this.drafts.clear(this.room);
      this.#resize();
      this.#updateState();
    }
    this.textarea.focus();
  }

  #resize() {
    const { textarea } = this;
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight, MAX_HEIGHT_PX)}px`;
    textarea.style.overflowY = textarea.scrollHeight > MAX_HEIGHT_PX ? 'auto' : 'hidden';
  }

  #updateState() {
    const max = this.settings.values.textMax;
    const length = codePointLength(this.textarea.value);
    const blank = !this.textarea.value.trim();
    const over = length > max;
    this.sendButton.classList.toggle('is-idle', blank);
    this.sendButton.setAttribute('aria-disabled', String(blank || over));
    const near = length > max - COUNTER_FROM_END;
    this.counter.hidden = !near;
    this.counter.textContent = near ? `${length} / ${max}` : '';
    this.counter.classList.toggle('over', over);
  }
}
