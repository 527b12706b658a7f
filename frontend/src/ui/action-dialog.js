// One modal <dialog> for the questions the chat asks before doing something that cannot be undone or needs
// a word: "Delete this message?", "Leave #dev?", "Delete #dev for everyone?", "Ban Ann?", and the room's new
// topic. ask() resolves with true / the text typed, or null when cancelled (Esc, Cancel). Never
// window.confirm.

export class ActionDialog {
  constructor({ dialog, title, text, field, input, label, cancelButton, confirmButton }) {
    this.dialog = dialog;
    this.title = title;
    this.text = text;
    this.field = field;
    this.input = input;
    this.label = label;
    this.confirmButton = confirmButton;
    this.resolve = null;
    cancelButton.addEventListener('click', () => this.#finish(null));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.#finish(null);
    });
    dialog.querySelector('form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#finish(this.field.hidden ? true : this.input.value);
    });
  }

  /**
   * {title, text, confirm (the button's label), danger (a red button), input: {label, value, maxLength}}.
   * Resolves true (or the input's text) on confirm, null on cancel.
   */
  ask({ title, text = '', confirm, danger = false, input = null }) {
    if (this.resolve) this.#finish(null);
    this.title.textContent = title;
    this.text.textContent = text;
    this.text.hidden = !text;
    this.confirmButton.textContent = confirm;
    this.confirmButton.classList.toggle('button-danger', danger);
    this.field.hidden = !input;
    if (input) {
      this.label.textContent = input.label;
      this.input.value = input.value || '';
      this.input.maxLength = input.maxLength || 250;
    }
    const trigger = document.activeElement;
    return new Promise((resolve) => {
      this.resolve = (value) => {
        if (trigger && trigger.isConnected && typeof trigger.focus === 'function') trigger.focus();
        resolve(value);
      };
      this.dialog.showModal();
      (input ? this.input : this.confirmButton).focus();
    });
  }

  #finish(value) {
    const resolve = this.resolve;
    this.resolve = null;
    if (this.dialog.open) this.dialog.close();
    if (resolve) resolve(value);
  }
}
