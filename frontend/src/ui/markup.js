// Message formatting: **bold**, *italic* / _italic_, `inline code`, ``` code blocks ```, > block quotes,
// links (bare http(s) addresses and [label](https://...)) and @mentions. parseMarkup turns a message's text
// into a small tree; renderMarkup builds DOM nodes from it with createElement and text nodes only. No string
// from a message ever goes through an HTML parser: a "<script>" in a message is the text "<script>".
//
// The only elements made are those of ALLOWED_ELEMENTS, with the attributes of ALLOWED_ATTRIBUTES; a link's
// href is always an absolute http(s) URL. Parsing is linear in the length of the text: every search for a
// closing marker is counted against a budget, and past it the rest is plain text (a hostile message costs
// milliseconds, whatever it holds). Markers that do not pair up stay as they were typed.

import { isSafeHttpUrl } from './linkify.js';

export const ALLOWED_ELEMENTS = Object.freeze(['STRONG', 'EM', 'CODE', 'PRE', 'BLOCKQUOTE', 'A', 'SPAN']);
export const ALLOWED_ATTRIBUTES = Object.freeze(['class', 'href', 'target', 'rel', 'data-testid']);

const MAX_DEPTH = 4;            // bold in italic in a quote ... deeper markers stay text
const BUDGET_PER_CHAR = 24;     // scanning steps allowed per character of input
const URL_AT = /https?:\/\/[^\s<>"'`]+/y;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»。，；：！？）*_]+$/;
const MENTION_AT = /@([a-z0-9_]{3,32})(?![a-z0-9_])/y;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const FENCE = /^\s{0,3}```/;

/**
 * The tree of a message's text: an array of nodes
 *   {type: 'text', text} | {type: 'strong'|'em'|'quote', children} | {type: 'code'|'pre', text}
 *   | {type: 'link', href, text} | {type: 'mention', name, me}
 * options.me: the reader's username (their mentions are marked `me`); options.mentionsMe: the message
 * mentions the reader (then @room is theirs too).
 */
export function parseMarkup(text, options = {}) {
  const source = String(text ?? '');
  const ctx = {
    me: options.me || '',
    mentionsMe: Boolean(options.mentionsMe),
    budget: Math.max(1000, source.length * BUDGET_PER_CHAR),
  };
  return parseBlocks(source, ctx);
}

// ----- blocks: code fences, quotes, the rest as paragraphs (their line breaks kept) -----

function parseBlocks(source, ctx) {
  const lines = source.split('\n');
  const out = [];
  let paragraph = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    out.push(...parseInline(paragraph.join('\n'), 0, undefined, 0, ctx));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (FENCE.test(line) && !isOneLineCode(line)) {
      let end = i + 1;
      while (end < lines.length && !/^\s{0,3}```\s*$/.test(lines[end])) end += 1;
      if (end >= lines.length) {
        paragraph.push(line); // an unclosed fence is text
        continue;
      }
      flush();
      out.push({ type: 'pre', text: lines.slice(i + 1, end).join('\n') });
      i = end;
    } else if (line.startsWith('>')) {
      const quoted = [];
      let end = i;
      while (end < lines.length && lines[end].startsWith('>')) {
        quoted.push(lines[end].replace(/^> ?/, ''));
        end += 1;
      }
      if (!quoted.join('').trim()) { // ">" alone is text
        paragraph.push(line);
        continue;
      }
      flush();
      i = end - 1;
      out.push({ type: 'quote', children: parseInline(quoted.join('\n'), 0, undefined, 1, ctx) });
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return out;
}

// "```x```" on one line is inline code, not a fence
function isOneLineCode(line) {
  const trimmed = line.trim();
  return trimmed.length > 6 && trimmed.endsWith('```');
}

// ----- inline markers -----

function parseInline(s, from, to = s.length, depth, ctx) {
  const out = [];
  let text = '';
  const pushText = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  const missing = new Set(); // closers known absent in [.., to): later openers need not look again
  let i = from;
  while (i < to) {
    if (ctx.budget <= 0) { // past the budget: the rest is text
      text += s.slice(i, to);
      break;
    }
    ctx.budget -= 1;
    const c = s[i];
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`' && i + n < to) n += 1;
      const run = '`'.repeat(n);
      const close = missing.has(run) ? -1 : findRun(s, run, i + n, to, ctx);
      if (close > i + n) {
        pushText();
        out.push({ type: 'code', text: trimCodeSpan(s.slice(i + n, close)) });
        i = close + n;
      } else {
        if (close < 0) missing.add(run);
        text += run;
        i += n;
      }
      continue;
    }
    if ((c === '*' || c === '_') && depth < MAX_DEPTH) {
      const double = s[i + 1] === c && i + 1 < to;
      const marker = double ? c + c : c;
      const found = emphasis(s, i, to, marker, missing, ctx);
      if (found) {
        pushText();
        out.push({ type: double ? 'strong' : 'em', children: parseInline(s, i + marker.length, found, depth + 1, ctx) });
        i = found + marker.length;
      } else {
        text += marker;
        i += marker.length;
      }
      continue;
    }
    if (c === '[') {
      const link = labelledLink(s, i, to, ctx);
      if (link) {
        pushText();
        out.push({ type: 'link', href: link.href, text: link.label });
        i = link.end;
        continue;
      }
    }
    if (c === 'h' && !isWordChar(s, i - 1)) {
      const url = bareUrl(s, i, to);
      if (url) {
        pushText();
        out.push({ type: 'link', href: url, text: url });
        i += url.length;
        continue;
      }
    }
    if (c === '@' && !isWordChar(s, i - 1)) {
      MENTION_AT.lastIndex = i;
      const match = MENTION_AT.exec(s);
      if (match && i + match[0].length <= to) {
        const name = match[1];
        pushText();
        const me = (ctx.me !== '' && name === ctx.me) || (name === 'room' && ctx.mentionsMe);
        out.push({ type: 'mention', name, me });
        i += match[0].length;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  pushText();
  return out;
}

function isWordChar(s, index) {
  if (index < 0 || index >= s.length) return false;
  // a surrogate pair's second half: look at the whole code point
  const code = s.codePointAt(index > 0 && /[\udc00-\udfff]/.test(s[index]) ? index - 1 : index);
  return WORD_CHAR.test(String.fromCodePoint(code));
}

// the next run of exactly `run` backticks in [from, to), or -1
function findRun(s, run, from, to, ctx) {
  let at = from;
  while (at < to) {
    const j = s.indexOf(run, at);
    ctx.budget -= 1 + (j < 0 ? 0 : (j - at) >> 4);
    if (j < 0 || j + run.length > to) return -1;
    if (s[j + run.length] !== '`' && s[j - 1] !== '`') return j;
    at = j + run.length;
    while (s[at] === '`') at += 1;
  }
  return -1;
}

function trimCodeSpan(code) {
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code;
}

/**
 * The index of the marker closing emphasis opened at `i`, or 0. The content must be non-empty and must not
 * begin or end with a space; markers only open and close at word edges (snake_case and 2*3*4 stay text); a
 * single `*` or `_` skips doubled markers inside (so *a **b** c* is italic around bold).
 */
function emphasis(s, i, to, marker, missing, ctx) {
  const n = marker.length;
  const first = s[i + n];
  if (first === undefined || i + n >= to || /\s/.test(first)) return 0;
  if (isWordChar(s, i - 1)) return 0;
  if (missing.has(marker)) return 0;
  let at = i + n;
  for (;;) {
    const j = s.indexOf(marker, at);
    ctx.budget -= 1 + (j < 0 ? 0 : (j - at) >> 4);
    if (j < 0 || j + n > to || ctx.budget <= 0) {
      missing.add(marker);
      return 0;
    }
    const doubledHere = n === 1 && (s[j + 1] === marker || s[j - 1] === marker);
    const edgeOk = !isWordChar(s, j + n);
    if (j > i + n && !doubledHere && edgeOk && !/\s/.test(s[j - 1])) return j;
    at = j + (doubledHere ? 2 : 1);
  }
}

// [label](https://...) with a safe URL and no line break in the label, else null
function labelledLink(s, i, to, ctx) {
  const close = s.indexOf('](', i + 1);
  ctx.budget -= 1;
  if (close < 0 || close >= to) return null;
  const label = s.slice(i + 1, close);
  if (!label.trim() || label.includes('\n') || label.includes('[') || label.length > 500) return null;
  const end = s.indexOf(')', close + 2);
  if (end < 0 || end >= to) return null;
  const href = s.slice(close + 2, end);
  if (!/^https?:\/\/\S+$/i.test(href) || !isSafeHttpUrl(href)) return null;
  return { label, href, end: end + 1 };
}

function bareUrl(s, i, to) {
  if (!s.startsWith('http', i)) return null;
  URL_AT.lastIndex = i;
  const match = URL_AT.exec(s);
  if (!match) return null;
  let url = match[0].slice(0, to - i);
  const trailing = url.match(TRAILING_PUNCTUATION);
  if (trailing) url = url.slice(0, url.length - trailing[0].length);
  return url && isSafeHttpUrl(url) ? url : null;
}

// ----- DOM -----

/**
 * DOM nodes for a parsed tree (or text), appended to `parent` when given. Only createElement, setAttribute
 * with fixed names, and text nodes.
 */
export function renderMarkup(tree, parent = null, doc = globalThis.document) {
  const nodes = (Array.isArray(tree) ? tree : parseMarkup(tree)).map((node) => renderNode(node, doc));
  if (parent) for (const node of nodes) parent.appendChild(node);
  return nodes;
}

function element(doc, tag, className, children) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  for (const child of children) node.appendChild(child);
  return node;
}

function renderNode(node, doc) {
  switch (node.type) {
    case 'strong': return element(doc, 'strong', '', node.children.map((c) => renderNode(c, doc)));
    case 'em': return element(doc, 'em', '', node.children.map((c) => renderNode(c, doc)));
    case 'quote': return element(doc, 'blockquote', 'md-quote', node.children.map((c) => renderNode(c, doc)));
    case 'code': return element(doc, 'code', 'md-code', [doc.createTextNode(node.text)]);
    case 'pre': return element(doc, 'pre', 'md-pre', [doc.createTextNode(node.text)]);
    case 'link': {
      if (!isSafeHttpUrl(node.href)) return doc.createTextNode(node.text);
      const a = element(doc, 'a', 'message-link', [doc.createTextNode(node.text)]);
      a.setAttribute('href', node.href);
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer nofollow');
      return a;
    }
    case 'mention': {
      const span = element(doc, 'span', node.me ? 'mention mention-me' : 'mention', [doc.createTextNode(`@${node.name}`)]);
      if (node.me) span.setAttribute('data-testid', 'mention-me');
      return span;
    }
    default: return doc.createTextNode(node.text ?? '');
  }
}

/** The text a tree shows (markers removed), e.g. for a reply's excerpt or a notification. */
export function plainText(tree) {
  return tree.map((node) => {
    const text = node.children ? plainText(node.children) : node.type === 'mention' ? `@${node.name}` : node.text ?? '';
    return node.type === 'quote' || node.type === 'pre' ? `\n${text}\n` : text; // blocks stay apart
  }).join('').replace(/^\n+|\n+$/g, '');
}
