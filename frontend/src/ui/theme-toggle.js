// Light or dark: follows prefers-color-scheme until the user picks one with the toggle, then remembers the
// pick (localStorage 'pulse-chat.theme', read before the page is drawn by theme.js).

export const THEME_KEY = 'pulse-chat.theme';

export class ThemeToggle {
  constructor({ button, root = document.documentElement, storage, media = window.matchMedia('(prefers-color-scheme: dark)') }) {
    this.button = button;
    this.root = root;
    this.storage = storage;
    this.media = media;
    button.addEventListener('click', () => this.set(this.current === 'dark' ? 'light' : 'dark'));
    media.addEventListener('change', () => this.#render());
    this.#render();
  }

  /** The scheme in use: the remembered pick, else the system's. */
  get current() {
    const picked = this.root.getAttribute('data-theme');
    if (picked === 'dark' || picked === 'light') return picked;
    return this.media.matches ? 'dark' : 'light';
  }

  set(theme) {
    this.root.setAttribute('data-theme', theme);
    try {
      if (this.storage) this.storage.setItem(THEME_KEY, theme);
    } catch {
      // storage full or disabled: the pick lasts for this page
    }
    this.#render();
  }

  #render() {
    this.button.setAttribute('aria-pressed', String(this.current === 'dark'));
  }
}
