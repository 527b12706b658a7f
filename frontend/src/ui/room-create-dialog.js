// "Create a room": a <dialog> with a name and an id (suggested from the name),
// POST /api/rooms, and the server's problem detail shown on 400/409.

import { isValidRoomId, suggestRoomId } from './room-id.js';

export class RoomCreateDialog {
  constructor({ dialog, form, nameInput, idInput, error, cancelButton, openButton, rest, t, onCreated }) {
    this.dialog = dialog;
    this.form = form;
    this.nameInput = nameInput;
    this.idInput = idInput;
    this.error = error;
    this.rest = rest;
    this.t = t;
    this.onCreated = onCreated;
    this.idEdited = false;

    openButton.addEventListener('click', () => this.open());
    cancelButton.addEventListener('click', () => this.dialog.close());
    nameInput.addEventListener('input', () => {
      if (!this.idEdited) idInput.value = suggestRoomId(nameInput.value);
    });
    idInput.addEventListener('input', () => {
      this.idEdited = idInput.value !== '';
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
  }

  open() {
    this.form.reset();
    this.idEdited = false;
    this.#setError('');
    if (!this.dialog.open) this.dialog.showModal();
    this.nameInput.focus();
  }

  async #submit() {
    const name = this.nameInput.value.trim();
    const id = this.idInput.value.trim() || suggestRoomId(name);
    if (!name || name.length > 64) {
      this.#setError(this.t('rooms.create.badName'));
      this.nameInput.focus();
      return;
    }
    if (!isValidRoomId(id)) {
      this.#setError(this.t('rooms.create.badId'));
      this.idInput.focus();
      return;
    }
    const submit = this.form.querySelector('[type="submit"]');
    if (submit) submit.disabled = true;
    try {
      const room = await this.rest.createRoom(id, name);
      this.dialog.close();
      this.onCreated(room || { id, name });
    } catch (error) {
      if (error.status === 409) this.#setError(error.detail || this.t('rooms.create.exists', id));
      else if (error.status === 401) window.location.reload();
      else this.#setError(error.detail || error.title || this.t('rooms.create.failed'));
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  #setError(text) {
    this.error.textContent = text;
    this.error.hidden = !text;
  }
}
