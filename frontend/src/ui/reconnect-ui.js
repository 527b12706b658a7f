// The reconnect flow the user sees (PROTOCOL.md section 8, seed notes 八/九):
// a loading toast while automatic attempts run, a confirm dialog after the last
// one, and an offline banner with a Reconnect button when the user said no.
// Both the toast and the dialog are native <dialog> elements; never window.confirm.

export class ReconnectUi {
  constructor({ toast, dialog, confirmButton, cancelButton, banner, bannerText, retryButton,
    onConfirm, onCancel, onRetry }) {
    this.toast = toast;
    this.dialog = dialog;
    this.banner = banner;
    this.bannerText = bannerText;
    this.onConfirm = onConfirm;
    this.onCancel = onCancel;
    this.onRetry = onRetry;

    confirmButton.addEventListener('click', () => this.#closeDialog('confirm'));
    cancelButton.addEventListener('click', () => this.#closeDialog('cancel'));
    // Escape closes a modal dialog: that is a "cancel".
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.#closeDialog('cancel');
    });
    retryButton.addEventListener('click', () => {
      this.hideOffline();
      this.onRetry();
    });
  }

  /** Shows or hides the loading toast 「正在重新连接，请稍候...」. */
  showToast(show) {
    if (show) {
      if (this.dialog.open) return; // the dialog replaces the toast
      this.hideOffline();
      if (!this.toast.open) {
        // a non-modal <dialog> takes focus when shown; the toast must not steal it from the composer
        const focused = this.toast.ownerDocument.activeElement;
        this.toast.show();
        if (focused && focused !== this.toast.ownerDocument.body && typeof focused.focus === 'function') {
          focused.focus({ preventScroll: true });
        }
      }
    } else if (this.toast.open) {
      this.toast.close();
    }
  }

  /** Asks 「连接已断开，是否重新连接？」. */
  ask() {
    this.showToast(false);
    if (this.dialog.open) return;
    try {
      this.dialog.showModal();
    } catch {
      this.dialog.show();
    }
  }

  /** Connected again: nothing to show. */
  connected() {
    this.showToast(false);
    this.hideOffline();
    if (this.dialog.open) this.dialog.close('dismissed');
  }

  showOffline(text) {
    if (text && this.bannerText) this.bannerText.textContent = text;
    this.banner.hidden = false;
  }

  hideOffline() {
    this.banner.hidden = true;
  }

  #closeDialog(answer) {
    if (!this.dialog.open) return;
    this.dialog.close(answer);
    if (answer === 'confirm') {
      this.hideOffline();
      this.onConfirm();
    } else {
      this.onCancel();
    }
  }
}
