// The reconnect flow the user sees (docs/protocol.md section 8, seed notes 八/九), in the page's language:
// a slim banner while the automatic attempts run (「正在重新连接，请稍候...」: it sits above the messages and
// never covers them), a confirm dialog after the last one (「连接已断开，是否重新连接？」) that checks the
// server's health meanwhile and says when it answers again, and an offline banner with a Reconnect button
// when the user said no. Both the banner and the dialog are native <dialog> elements; never window.confirm.

import { HealthWatch } from './health-watch.js';

export class ReconnectUi {
  constructor({ toast, dialog, confirmButton, cancelButton, reachable, banner, bannerText, retryButton,
    healthCheck, onConfirm, onCancel, onRetry, timers }) {
    this.toast = toast;
    this.dialog = dialog;
    this.confirmButton = confirmButton;
    this.reachable = reachable;
    this.banner = banner;
    this.bannerText = bannerText;
    this.onConfirm = onConfirm;
    this.onCancel = onCancel;
    this.onRetry = onRetry;
    this.health = new HealthWatch({ check: healthCheck, onReachable: () => this.#reachable(), timers });

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

  /** Shows or hides the reconnecting banner. */
  showToast(show) {
    if (show) {
      if (this.dialog.open) return; // the dialog replaces the banner
      this.hideOffline();
      if (!this.toast.open) {
        // a non-modal <dialog> takes focus when shown; the banner must not steal it from the composer
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

  /** Asks whether to reconnect; meanwhile watches the server's health. The confirm button has the focus. */
  ask() {
    this.showToast(false);
    if (this.dialog.open) return;
    this.reachable.hidden = true;
    try {
      this.dialog.showModal();
    } catch {
      this.dialog.show();
    }
    this.confirmButton.focus();
    this.health.start();
  }

  /** Connected again: nothing to show. */
  connected() {
    this.showToast(false);
    this.hideOffline();
    this.health.stop();
    if (this.dialog.open) this.dialog.close('dismissed');
  }

  showOffline(text) {
    if (text && this.bannerText) this.bannerText.textContent = text;
    this.banner.hidden = false;
  }

  hideOffline() {
    this.banner.hidden = true;
  }

  #reachable() {
    if (!this.dialog.open) return;
    this.reachable.hidden = false;
    this.confirmButton.focus();
  }

  #closeDialog(answer) {
    if (!this.dialog.open) return;
    this.health.stop();
    this.dialog.close(answer);
    if (answer === 'confirm') {
      this.hideOffline();
      this.onConfirm();
    } else {
      this.onCancel();
    }
  }
}
