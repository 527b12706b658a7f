// The composer: Enter sends, Shift+Enter is a new line (and Enter while an input method is composing
// stays with the IME), the textarea grows with its text, typing notifies the others, the file button
// picks an attachment. Each room keeps its own draft (drafts.js). Lengths count code points, as the
// server does; the limit comes from the settings (the page, then the welcome).
//
// Version 2: a reply (the bar above says to whom; Esc cancels) and editing a message (↑ in an empty
// composer edits your last one; Enter saves, Esc cancels and the draft comes back), and @ completion.

import { codePointLength } from '../protocol.js';
import { truncate } from './format.js';
import { parseMarkup, plainText } from './markup.js';

const MAX_HEIGHT_PX = 200;
const COUNTER_FROM_END = 200; // the counter shows when this close to the limit

export class Composer {
  constructor({ form, textarea, sendButton, fileInput, attachButton, counter, t, settings, drafts, onSend, onTyping, onFile,
    context = null, contextText = null, contextCancel = null, onEditLast = () => null, onSaveEdit = () => true }) {
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
    this.context = context;
    this.contextText = contextText;
    this.onEditLast = onEditLast;
    this.onSaveEdit = onSaveEdit;
    this.mode = null; // null | {type: 'reply', entry} | {type: 'edit', entry, draft}
    this.completion = null; // a MentionComplete, attached later
    if (contextCancel) contextCancel.addEventListener('click', () => this.cancelMode());

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    textarea.addEventListener('keydown', (event) => {
      if (event.isComposing || event.keyCode === 229) return;
      if (this.completion && this.completion.handleKey(event)) {
        event.preventDefault();
        return;
      }
      if (event.key === 'Escape' && this.mode) {
        event.preventDefault();
        this.cancelMode();
        return;
      }
      if (event.key === 'ArrowUp' && !textarea.value && !this.mode && !event.shiftKey && !event.altKey) {
        const entry = this.onEditLast();
        if (entry) {
          event.preventDefault();
          this.startEdit(entry);
        }
        return;
      }
      if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      this.submit();
    });
    textarea.addEventListener('input', () => {
      this.#resize();
      this.#updateState();
      if (this.mode && this.mode.type === 'edit') return; // an edit is not a draft, and not typing
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
    this.cancelMode({ focus: false });
    this.room = room;
    this.textarea.placeholder = this.t('composer.placeholder', roomName);
    this.textarea.value = this.drafts.get(room);
    this.#resize();
    this.#updateState();
  }

  focus() {
    this.textarea.focus();
  }

  /** Reply to a message: the next message sent carries reply_to. */
  startReply(entry) {
    if (this.mode && this.mode.type === 'edit') this.cancelMode({ focus: false });
    this.mode = { type: 'reply', entry };
    const name = (entry.from && (entry.from.display_name || entry.from.userid)) || '';
    const text = plainText(parseMarkup(String(entry.text || ''))).replace(/\s+/g, ' ');
    this.#showContext('reply', this.t('composer.replyingTo', name, truncate(text, 80)));
    this.textarea.focus();
  }

  /** Edit one of my messages in the composer; what was typed comes back afterwards. */
  startEdit(entry) {
    const draft = this.mode && this.mode.type === 'edit' ? this.mode.draft : this.textarea.value;
    this.mode = { type: 'edit', entry, draft };
    this.#showContext('edit', this.t('composer.editing'));
    this.textarea.value = entry.text;
    this.#resize();
    this.#updateState();
    this.textarea.focus();
    const end = this.textarea.value.length;
    this.textarea.setSelectionRange(end, end);
  }

  /** Esc, the bar's ×, another room: back to writing a new message. */
  cancelMode({ focus = true } = {}) {
    const mode = this.mode;
    this.mode = null;
    if (this.context) {
      this.context.hidden = true;
      delete this.context.dataset.mode;
    }
    if (mode && mode.type === 'edit') {
      this.textarea.value = mode.draft;
      this.#resize();
      this.#updateState();
    }
    if (focus) this.textarea.focus();
  }

  get replyTo() {
    return this.mode && this.mode.type === 'reply' ? this.mode.entry : null;
  }

  get editing() {
    return this.mode && this.mode.type === 'edit' ? this.mode.entry : null;
  }

  #showContext(type, text) {
    if (!this.context) return;
    this.context.dataset.mode = type;
    this.contextText.textContent = text;
    this.context.hidden = false;
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
    const editing = this.editing;
    if (editing) {
      if (text === editing.text || this.onSaveEdit(editing, text) !== false) this.cancelMode();
      return;
    }
    const replyTo = this.replyTo;
    const accepted = this.onSend(text, { replyTo: replyTo ? replyTo.id : undefined });
    if (accepted !== false) {
      if (replyTo) this.cancelMode({ focus: false });
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
