// A small fake DOM for view tests under node: enough of Element for ui/dom.js's el() and the sidebar,
// counting every insertion so a test can assert how much DOM work a render did.

export class FakeElement {
  constructor(tag, doc) {
    this.tagName = tag.toUpperCase();
    this.ownerDocument = doc;
    this.childNodes = [];
    this.parentNode = null;
    this.attributes = new Map();
    this.dataset = {};
    this.listeners = new Map();
    this.hidden = false;
    this.className = '';
    this._text = '';
    const self = this;
    this.classList = {
      add: (...names) => { for (const n of names) if (!self.#classes().includes(n)) self.className = [...self.#classes(), n].join(' '); },
      remove: (...names) => { self.className = self.#classes().filter(c => !names.includes(c)).join(' '); },
      contains: n => self.#classes().includes(n),
      toggle: (n, force) => {
        const on = force === undefined ? !self.classList.contains(n) : Boolean(force);
        if (on) self.classList.add(n); else self.classList.remove(n);
        return on;
      },
    };
  }

  #classes() { return this.className.split(/\s+/).filter(Boolean); }

  get children() { return this.childNodes.filter(n => n instanceof FakeElement); }
  get firstChild() { return this.childNodes[0] ?? null; }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  get textContent() { return this._text + this.childNodes.map(n => n.textContent).join(''); }
  set textContent(value) { this.childNodes = []; this._text = String(value); }

  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  removeAttribute(name) { this.attributes.delete(name); }
  set title(value) { this.setAttribute('title', value); }
  get title() { return this.getAttribute('title'); }

  addEventListener(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(fn);
  }

  click() { for (const fn of this.listeners.get('click') ?? []) fn({type: 'click', target: this}); }

  appendChild(node) { return this.insertBefore(node, null); }

  append(...nodes) {
    for (const node of nodes) this.appendChild(typeof node === 'string' ? this.ownerDocument.createTextNode(node) : node);
  }

  remove() { if (this.parentNode) this.parentNode.removeChild(this); }

  get isConnected() { return this.parentNode !== null; }

  /** Elements below this one (depth first) for which test(element) is true. */
  findAll(test) {
    const out = [];
    const walk = node => {
      for (const child of node.children) {
        if (test(child)) out.push(child);
        walk(child);
      }
    };
    walk(this);
    return out;
  }

  /** By data-testid (the only selector the views' tests need). */
  byTestId(id) { return this.findAll(e => e.getAttribute('data-testid') === id); }

  insertBefore(node, ref) {
    this.ownerDocument.insertions += 1;
    this.insertions = (this.insertions ?? 0) + 1; // into this element
    if (node.parentNode) node.parentNode.removeChild(node);
    const index = ref === null ? this.childNodes.length : this.childNodes.indexOf(ref);
    if (index < 0) throw new Error('NotFoundError: the reference node is not a child');
    this.childNodes.splice(index, 0, node);
    node.parentNode = this;
    return node;
  }

  removeChild(node) {
    this.childNodes.splice(this.childNodes.indexOf(node), 1);
    node.parentNode = null;
    return node;
  }
}

class FakeText {
  constructor(text) { this.textContent = String(text); this.parentNode = null; }
}

export class FakeDocument {
  insertions = 0;
  visibilityState = 'visible';
  activeElement = null;
  createElement(tag) { return new FakeElement(tag, this); }
  createTextNode(text) { return new FakeText(text); }
}

/** Installs a fresh fake document as globalThis.document; returns it. */
export function installFakeDocument() {
  const doc = new FakeDocument();
  globalThis.document = doc;
  return doc;
}
