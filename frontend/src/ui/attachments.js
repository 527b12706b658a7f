// Attachments: images inline (from the inline binary frame as a Blob URL, or the
// attachment's url), other files as download links.

import { el } from './dom.js';
import { formatBytes } from './format.js';

export function isImageType(type) {
  return /^image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)$/i.test(String(type || ''));
}

/** Blob URLs of attachments that arrived inline, by attachment id. */
export class AttachmentBlobs {
  constructor() {
    this.urls = new Map();
  }

  register(attachment, bytes) {
    if (!attachment || attachment.id === undefined || !bytes) return null;
    const key = String(attachment.id);
    if (this.urls.has(key)) return this.urls.get(key);
    const blob = new Blob([bytes], { type: attachment.type || 'application/octet-stream' });
    const url = URL.createObjectURL(blob);
    this.urls.set(key, url);
    return url;
  }

  get(attachment) {
    return attachment && attachment.id !== undefined ? this.urls.get(String(attachment.id)) || null : null;
  }
}

/** The server's download URL of an attachment. */
export function attachmentUrl(attachment, apiBase) {
  if (!attachment) return '';
  if (attachment.url) return attachment.url;
  return `${apiBase}/attachments/${encodeURIComponent(attachment.id)}`;
}

/**
 * The element for a message's attachment. `source` is the best URL to show an
 * image from (blob: or local preview or server url); `href` is the download URL.
 */
export function renderAttachment(attachment, { source, href, t }) {
  const name = attachment.name || 'file';
  const meta = el('span', { className: 'attachment-meta', text: `${formatBytes(attachment.size)} · ${attachment.type || ''}` });
  if (isImageType(attachment.type) && source) {
    const img = el('img', {
      className: 'attachment-image',
      testid: 'attachment-image',
      attrs: { src: source, alt: name, loading: 'lazy', decoding: 'async' },
    });
    // a click opens the lightbox (lightbox.js); the link still opens the file in a new tab with a middle click
    const label = t ? t('attachment.open', name) : name;
    const frame = href
      ? el('a', { className: 'attachment-image-link', testid: 'attachment-open', dataset: { lightbox: '' },
        attrs: { href, target: '_blank', rel: 'noopener', 'aria-label': label } }, img)
      : el('button', { className: 'attachment-image-link', testid: 'attachment-open', dataset: { lightbox: '' },
        attrs: { type: 'button', 'aria-label': label } }, img);
    return el('figure', { className: 'attachment attachment-image-wrap', testid: 'attachment' },
      frame,
      el('figcaption', { className: 'attachment-caption' }, el('span', { className: 'attachment-name', text: name }), meta));
  }
  const icon = el('span', { className: 'attachment-icon', attrs: { 'aria-hidden': 'true' }, text: fileGlyph(attachment.type) });
  const label = el('span', { className: 'attachment-text' }, el('span', { className: 'attachment-name', text: name }), meta);
  const body = href
    ? el('a', {
      className: 'attachment-file',
      testid: 'attachment-link',
      attrs: { href, download: name, title: t ? t('attachment.download', name) : name },
    }, icon, label)
    : el('span', { className: 'attachment-file' }, icon, label);
  return el('div', { className: 'attachment', testid: 'attachment' }, body);
}

function fileGlyph(type) {
  const value = String(type || '');
  if (value.startsWith('image/')) return '🖼';
  if (value.startsWith('audio/')) return '♪';
  if (value.startsWith('video/')) return '▶';
  if (value.includes('pdf')) return 'PDF';
  if (value.includes('zip') || value.includes('compressed')) return 'ZIP';
  return '📄';
}

/** Reads a File into a Uint8Array. */
export async function readFileBytes(file) {
  const buffer = await file.arrayBuffer();
  return new Uint8Array(buffer);
}
