// "Create a room": a <dialog> with a name and an id (suggested from the name, also for names with no
// Latin letters), a topic, and whether it is private (only the people added see it), POST /api/rooms, and
// the server's problem detail shown on 400/409. An error goes away as soon as the field it is about is fixed.

import { isValidRoomId, suggestRoomId } from './room-id.js';
import { codePointLength } from '../protocol.js';

const NAME_MAX = 64; // code points (docs/protocol.md section 2)

export class RoomCreateDialog {
  constructor({ dialog, form, nameInput, idInput, topicInput = null, privateInput = null, error, cancelButton, openButton, rest, t, onCreated }) {
    this.dialog = dialog;
    this.form = form;
    this.nameInput = nameInput;
    this.idInput = idInput;
    this.topicInput = topicInput;
    this.privateInput = privateInput;
    this.error = error;
    this.rest = rest;
    this.t = t;
    this.onCreated = onCreated;
    this.idEdited = false;
    this.errorField = null; // 'name' | 'id' | 'server' while an error shows

    openButton.addEventListener('click', () => this.open());
    cancelButton.addEventListener('click', () => this.dialog.close());
    nameInput.addEventListener('input', () => {
      if (!this.idEdited) idInput.value = suggestRoomId(nameInput.value);
      this.#revalidate();
    });
    idInput.addEventListener('input', () => {
      this.idEdited = idInput.value !== '';
      this.#revalidate();
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

  // the fields' problem, or null: {field, text}
  #problem() {
    const name = this.nameInput.value.trim();
    const id = this.idInput.value.trim() || suggestRoomId(name);
    if (!name || codePointLength(name) > NAME_MAX) return { field: 'name', text: this.t('rooms.create.badName') };
    if (!isValidRoomId(id)) return { field: 'id', text: this.t('rooms.create.badId') };
    return null;
  }

  // typing after an error: the error stays only while its cause does
  #revalidate() {
    if (this.errorField === null) return;
    const problem = this.#problem();
    if (this.errorField === 'server' || !problem) this.#setError('');
    else this.#setError(problem.text, problem.field);
  }

  async #submit() {
    const name = this.nameInput.value.trim();
    const id = this.idInput.value.trim() || suggestRoomId(name);
    const problem = this.#problem();
    if (problem) {
      this.#setError(problem.text, problem.field);
      (problem.field === 'name' ? this.nameInput : this.idInput).focus();
      return;
    }
    const submit = this.form.querySelector('[type="submit"]');
    if (submit) submit.disabled = true;
    try {
      const kind = this.privateInput && this.privateInput.checked ? 'private' : 'public';
      const topic = this.topicInput ? this.topicInput.value.trim() : '';
      const room = await this.rest.createRoom(id, name, { kind, topic });
      this.dialog.close();
      this.onCreated(room || { id, name, kind, topic, created_by: null });
    } catch (error) {
      if (error.status === 409) this.#setError(error.detail || this.t('rooms.create.exists', id), 'server');
      else if (error.status === 401) window.location.reload();
      else this.#setError(error.detail || error.title || this.t('rooms.create.failed'), 'server');
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  #setError(text, field = null) {
    this.errorField = text ? field : null;
    this.error.textContent = text;
    this.error.hidden = !text;
    for (const [input, field] of [[this.nameInput, 'name'], [this.idInput, 'id']]) {
      if (this.errorField === field) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
}
