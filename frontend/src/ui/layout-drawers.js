// On narrow screens the rooms sidebar and the people list slide in as drawers.

export class LayoutDrawers {
  constructor({ roomsToggle, presenceToggle, scrim }) {
    this.roomsToggle = roomsToggle;
    this.presenceToggle = presenceToggle;
    this.scrim = scrim;
    roomsToggle.addEventListener('click', () => this.#toggle('rooms-open', roomsToggle));
    presenceToggle.addEventListener('click', () => this.#toggle('presence-open', presenceToggle));
    scrim.addEventListener('click', () => this.closeAll());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#anyOpen()) this.closeAll();
    });
  }

  /** The room's people: the drawer on a narrow screen; on a wide one the pane is always there. */
  showPresence() {
    if (getComputedStyle(this.presenceToggle).display !== 'none') {
      if (!document.body.classList.contains('presence-open')) this.#toggle('presence-open', this.presenceToggle);
    }
    const pane = document.getElementById(this.presenceToggle.getAttribute('aria-controls'));
    const heading = pane && pane.querySelector('h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  closeAll() {
    document.body.classList.remove('rooms-open', 'presence-open');
    this.roomsToggle.setAttribute('aria-expanded', 'false');
    this.presenceToggle.setAttribute('aria-expanded', 'false');
  }

  #anyOpen() {
    return document.body.classList.contains('rooms-open') || document.body.classList.contains('presence-open');
  }

  #toggle(className, button) {
    const open = !document.body.classList.contains(className);
    this.closeAll();
    document.body.classList.toggle(className, open);
    button.setAttribute('aria-expanded', String(open));
  }
}
