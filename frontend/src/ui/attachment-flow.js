// Attachments in the message list (AttachmentViews: the inline Blob if one came as a binary frame, the
// local preview while our own upload is pending, else the URL) and sending a file (AttachmentSender: one
// binary frame through the connection, superchat only, up to the server's attachment limit).

import { AttachmentBlobs, attachmentUrl, isImageType, readFileBytes, renderAttachment } from './attachments.js';
import { formatBytes } from './format.js';

const LOCAL_PREFIX = 'local-';

export class AttachmentViews {
  constructor({ t, apiBase }) {
    this.t = t;
    this.apiBase = apiBase;
    this.blobs = new AttachmentBlobs();
  }

  /** An inline binary frame arrived: keep its bytes as a Blob URL. */
  received(header, bytes) {
    if (header && header.attachment) this.blobs.register(header.attachment, bytes);
  }

  /** The best URL to draw an image attachment from ('' if none yet). */
  source(entry) {
    const a = entry.attachment;
    if (!a) return '';
    const server = String(a.id).startsWith(LOCAL_PREFIX) ? '' : attachmentUrl(a, this.apiBase);
    return this.blobs.get(a) || entry.preview || server;
  }

  /** The element for a message's attachment. */
  view(entry) {
    const a = entry.attachment;
    const uploaded = entry.id !== null && !String(a.id).startsWith(LOCAL_PREFIX);
    return renderAttachment(a, {
      source: isImageType(a.type) ? this.source(entry) : '',
      href: uploaded ? attachmentUrl(a, this.apiBase) : '',
      t: this.t,
    });
  }
}

export class AttachmentSender {
  constructor({ connection, chat, notices, progress, t, settings }) {
    this.connection = connection;
    this.chat = chat;
    this.notices = notices;
    this.progress = progress;
    this.t = t;
    this.settings = settings;
  }

  /** Sends a file to the open room; shows it as pending with an upload bar. */
  async send(file) {
    const { t, notices } = this;
    const room = this.chat.current;
    if (this.connection.protocol !== 'superchat') {
      notices.show(t('attachment.needsSuperchat'), 'error');
      return;
    }
    const max = this.settings.values.attachmentMaxBytes;
    if (file.size > max) {
      notices.show(t('attachment.tooLarge', file.name, formatBytes(max)), 'error');
      return;
    }
    let bytes;
    try {
      bytes = await readFileBytes(file);
    } catch {
      notices.show(t('attachment.unreadable', file.name), 'error');
      return;
    }
    let clientMsgId;
    try {
      clientMsgId = this.connection.sendAttachment(room, {
        name: file.name,
        type: file.type || 'application/octet-stream',
        bytes,
      });
    } catch (error) {
      notices.show(t('attachment.failed', file.name, error.message || ''), 'error');
      return;
    }
    const preview = isImageType(file.type) ? URL.createObjectURL(file) : null;
    this.chat.addPendingAttachment(room, clientMsgId, file, preview);
    this.progress.start(bytes.length, file.name);
  }
}
