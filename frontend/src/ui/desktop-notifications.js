// Desktop notifications for mentions and direct messages while the page is hidden (docs/protocol.md section 12).
// Nothing is asked on page load: the browser's permission prompt only comes from the sidebar's clear
// control, and the user's choice (on or off) is remembered per user. A click on a notification brings the
// page forward at that message.

import { parseMarkup, plainText } from './markup.js';
import { truncate } from './format.js';

const BODY_MAX = 180;

export class DesktopNotifications {
  /** NotificationImpl: window.Notification (absent in browsers without it: the control hides). */
  constructor({ button, label, t, storage, userid, onOpen, NotificationImpl = globalThis.Notification, doc = globalThis.document, win = globalThis.window }) {
    this.button = button;
    this.label = label;
    this.t = t;
    this.storage = storage;
    this.key = `pulse-chat.notifications.${userid}`;
    this.onOpen = onOpen;
    this.Notification = NotificationImpl;
    this.doc = doc;
    this.win = win;
    this.shown = new Set();
    if (button) button.addEventListener('click', () => this.toggle());
    this.render();
  }

  get supported() {
    return typeof this.Notification === 'function';
  }

  get permission() {
    return this.supported ? this.Notification.permission : 'denied';
  }

  /** On: the user turned them on here and the browser allows them. */
  get enabled() {
    return this.permission === 'granted' && this.#stored() === 'on';
  }

  /** The control: asks the browser the first time, then turns notifications on and off. */
  async toggle() {
    if (!this.supported) return;
    if (this.permission === 'default') {
      let answer = 'default';
      try {
        answer = await this.Notification.requestPermission();
      } catch {
        answer = this.Notification.permission;
      }
      if (answer === 'granted') this.#store('on');
    } else if (this.permission === 'granted') {
      this.#store(this.enabled ? 'off' : 'on');
    }
    this.render();
  }

  render() {
    if (!this.button) return;
    this.button.hidden = !this.supported;
    const state = !this.supported ? 'unsupported' : this.permission === 'denied' ? 'blocked' : this.enabled ? 'on' : 'off';
    this.button.dataset.state = state;
    this.button.setAttribute('aria-pressed', String(state === 'on'));
    this.button.disabled = state === 'blocked';
    this.label.textContent = this.t(`notifications.${state}`);
    this.button.title = this.t(`notifications.${state}.hint`);
  }

  /** {room, roomName, direct, message}: shown when enabled and the page is hidden; once per message. */
  notify({ room, roomName, direct, message }) {
    if (!this.enabled || this.doc.visibilityState !== 'hidden' || !message) return null;
    const tag = `${room}:${message.id}`;
    if (this.shown.has(tag)) return null;
    this.shown.add(tag);
    const author = (message.from && (message.from.display_name || message.from.userid)) || '';
    const title = direct ? this.t('notifications.direct', author) : this.t('notifications.mention', author, roomName);
    const text = message.text ? plainText(parseMarkup(message.text)) : (message.attachment ? message.attachment.name : '');
    let notification;
    try {
      notification = new this.Notification(title, { body: truncate(text, BODY_MAX), tag, lang: this.doc.documentElement?.lang });
    } catch {
      return null; // some browsers only allow notifications from a service worker
    }
    notification.onclick = () => {
      try { this.win.focus(); } catch { /* nothing to focus */ }
      this.onOpen(room, message.id);
      notification.close();
    };
    return notification;
  }

  #stored() {
    try {
      return this.storage?.getItem(this.key) || this.memory || 'off';
    } catch {
      return this.memory || 'off';
    }
  }

  #store(value) {
    this.memory = value; // storage disabled: the choice lasts as long as the page
    try {
      this.storage?.setItem(this.key, value);
    } catch {
      // see above
    }
  }
}
