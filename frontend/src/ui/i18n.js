// Strings for the scripts, rendered by Thymeleaf into a hidden list on the page
// (<li data-key="typing.one">{0} is typing…</li>), so the messages files stay
// the one place for translations.

import { fmt } from './format.js';

export function loadStrings(root) {
  const strings = new Map();
  if (root) {
    for (const node of root.querySelectorAll('[data-key]')) {
      strings.set(node.dataset.key, node.textContent);
    }
  }
  /** t('typing.one', 'Ann') -> "Ann is typing…"; unknown keys come back as the key. */
  return function t(key, ...args) {
    const template = strings.has(key) ? strings.get(key) : key;
    return fmt(template, ...args);
  };
}
