// A coloured circle with initials; the colour is stable per user.

import { el } from './dom.js';
import { hashIndex, initials } from './format.js';

const PALETTE_SIZE = 8;

export function avatar(user, size = 'md') {
  const name = (user && (user.display_name || user.userid)) || '?';
  const tone = hashIndex(user && user.userid ? user.userid : name, PALETTE_SIZE);
  return el('span', {
    className: `avatar avatar-${size} avatar-tone-${tone}`,
    attrs: { 'aria-hidden': 'true' },
    text: initials(name),
  });
}
