// Clicking an image in a message opens it large in a modal <dialog>: Esc, the close button or a click
// beside the image closes it, and the focus goes back to the image that opened it.

export class Lightbox {
  constructor({ dialog, image, caption, download, closeButton, list }) {
    this.dialog = dialog;
    this.image = image;
    this.caption = caption;
    this.download = download;
    this.trigger = null;
    list.addEventListener('click', (event) => {
      const opener = event.target.closest('[data-lightbox]');
      if (!opener || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const img = opener.querySelector('img');
      if (!img) return;
      event.preventDefault();
      this.open({ src: img.currentSrc || img.src, name: img.alt, href: opener.getAttribute('href') || '', trigger: opener });
    });
    closeButton.addEventListener('click', () => this.close());
    // a click on the backdrop (the dialog itself, outside its content) closes it
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) this.close();
    });
    dialog.addEventListener('close', () => {
      if (this.trigger && this.trigger.isConnected) this.trigger.focus();
      this.trigger = null;
    });
  }

  open({ src, name, href, trigger }) {
    this.trigger = trigger || null;
    this.image.src = src;
    this.image.alt = name || '';
    this.caption.textContent = name || '';
    this.download.hidden = !href;
    if (href) {
      this.download.href = href;
      this.download.setAttribute('download', name || '');
    }
    if (!this.dialog.open) this.dialog.showModal();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }
}
