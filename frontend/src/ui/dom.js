// Tiny DOM builder. Text always goes in through textContent, never as HTML.

/**
 * el('li', {className: 'row', dataset: {id: 3}, testid: 'message', attrs: {title: 'x'}}, child, 'text')
 * Children may be nodes, strings (become text nodes), null/false (skipped) or arrays.
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  const { className, dataset, testid, attrs, text, on, hidden } = options;
  if (className) node.className = className;
  if (testid) node.setAttribute('data-testid', testid);
  if (dataset) {
    for (const [key, value] of Object.entries(dataset)) {
      if (value !== undefined && value !== null) node.dataset[key] = String(value);
    }
  }
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === false || value === undefined || value === null) continue;
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  if (hidden) node.hidden = true;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (on) {
    for (const [type, handler] of Object.entries(on)) node.addEventListener(type, handler);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (typeof child === 'string' || typeof child === 'number') node.appendChild(document.createTextNode(String(child)));
    else node.appendChild(child);
  }
}

/** Removes all children. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Finds a required element by data-testid (or throws with a clear message). */
export function byTestId(testid, root = document) {
  const node = root.querySelector(`[data-testid="${testid}"]`);
  if (!node) throw new Error(`chat page is missing [data-testid="${testid}"]`);
  return node;
}

/** Finds a required element by id. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`chat page is missing #${id}`);
  return node;
}
