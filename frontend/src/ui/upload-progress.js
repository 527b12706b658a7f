// The upload progress bar: after sendAttachment the bytes sit in the socket's
// send buffer; the bar follows connection.bufferedAmount down to 0
// (seed notes 5.7: bufferedAmount === 0 means the send is finished).

const POLL_MS = 100;
const LINGER_MS = 1500;

export class UploadProgress {
  constructor({ wrap, progress, label, readBuffered }) {
    this.wrap = wrap;
    this.progress = progress;
    this.label = label;
    this.readBuffered = readBuffered;
    this.total = 0;
    this.timer = null;
    this.hideTimer = null;
  }

  /** Starts following an upload of `bytes` bytes named `name`. */
  start(bytes, name) {
    clearTimeout(this.hideTimer);
    this.total = (this.timer ? this.total : 0) + Math.max(1, bytes);
    this.progress.max = this.total;
    this.progress.value = 0;
    this.label.textContent = name;
    this.wrap.hidden = false;
    this.progress.hidden = false;
    this.wrap.classList.remove('done');
    if (!this.timer) this.timer = setInterval(() => this.#poll(), POLL_MS);
    this.#poll();
  }

  #poll() {
    const buffered = Math.max(0, Number(this.readBuffered()) || 0);
    const sent = Math.max(0, this.total - Math.min(buffered, this.total));
    this.progress.value = sent;
    this.progress.dataset.buffered = String(buffered);
    if (buffered === 0) this.#finish();
  }

  #finish() {
    clearInterval(this.timer);
    this.timer = null;
    this.progress.value = this.total;
    this.wrap.classList.add('done');
    this.hideTimer = setTimeout(() => {
      this.wrap.hidden = true;
      this.progress.hidden = true;
      this.total = 0;
    }, LINGER_MS);
  }
}
