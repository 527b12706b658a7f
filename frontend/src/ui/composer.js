// The composer: Enter sends, Shift+Enter is a new line (and Enter while an
// input method is composing stays with the IME), the textarea grows with its
// text, typing notifies the others, the file button picks an attachment.

export const MAX_TEXT_CHARS = 4000;
const MAX_HEIGHT_PX = 200;

export class Composer {
  constructor({ form, textarea, sendButton, fileInput, attachButton, counter, t, onSend, onTyping, onFile }) {
    this.form = form;
    this.textarea = textarea;
    this.sendButton = sendButton;
    this.fileInput = fileInput;
    this.counter = counter;
    this.t = t;
    this.onSend = onSend;
    this.onTyping = onTyping;
    this.onFile = onFile;

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
    this.#updateState();
  }

  setRoom(roomName) {
    this.textarea.placeholder = this.t('composer.placeholder', roomName);
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
    if (text.length > MAX_TEXT_CHARS) {
      this.#updateState();
      return;
    }
    const accepted = this.onSend(text);
    if (accepted !== false) {
      this.textarea.value = '';
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
    const length = this.textarea.value.length;
    const blank = !this.textarea.value.trim();
    this.sendButton.classList.toggle('is-idle', blank);
    const near = length > MAX_TEXT_CHARS - 200;
    this.counter.hidden = !near;
    this.counter.textContent = near ? `${length} / ${MAX_TEXT_CHARS}` : '';
    this.counter.classList.toggle('over', length > MAX_TEXT_CHARS);
  }
}
