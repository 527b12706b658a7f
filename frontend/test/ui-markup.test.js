// Message formatting (issue 11): what a message may make of the page. A hostile corpus and random input go
// through parseMarkup and renderMarkup into a fake DOM; only the allowed elements and attributes may come out,
// every link is http(s), every "<" of the input is still text, and no input takes long.
import {test, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {installFakeDocument, FakeElement} from './fake-dom.js';
import {parseMarkup, renderMarkup, plainText, ALLOWED_ELEMENTS, ALLOWED_ATTRIBUTES} from '../src/ui/markup.js';

let doc;
beforeEach(() => { doc = installFakeDocument(); });

// Any HTML-parsing API used on an element fails the test.
for (const name of ['innerHTML', 'outerHTML']) {
  Object.defineProperty(FakeElement.prototype, name, {set() { throw new Error(`${name} used`); }, get() { return ''; }, configurable: true});
}
FakeElement.prototype.insertAdjacentHTML = () => { throw new Error('insertAdjacentHTML used'); };

const ALLOWED_CLASSES = new Set(['md-quote', 'md-code', 'md-pre', 'message-link', 'mention', 'mention-me']);

/** Renders into a fresh element and checks every node; returns {root, text, elements}. */
function renderChecked(input, options) {
  const root = doc.createElement('div');
  renderMarkup(parseMarkup(input, options), root, doc);
  const elements = [];
  const label = JSON.stringify(input.slice(0, 60));
  const walk = (node) => {
    if (!(node instanceof FakeElement)) {
      assert.equal(typeof node.textContent, 'string');
      return;
    }
    if (node !== root) {
      elements.push(node);
      assert.ok(ALLOWED_ELEMENTS.includes(node.tagName), `element ${node.tagName} from ${label}`);
      for (const name of node.attributes.keys()) {
        assert.ok(ALLOWED_ATTRIBUTES.includes(name), `attribute ${name} on ${node.tagName}`);
        assert.ok(!/^on/i.test(name));
      }
      for (const c of node.className.split(/\s+/).filter(Boolean)) assert.ok(ALLOWED_CLASSES.has(c), `class ${c}`);
      if (node.tagName === 'A') {
        const href = node.getAttribute('href');
        assert.match(href, /^https?:\/\//i, `href ${href}`);
        assert.ok(['http:', 'https:'].includes(new URL(href).protocol));
        assert.equal(node.getAttribute('rel'), 'noopener noreferrer nofollow');
      } else {
        assert.equal(node.getAttribute('href'), null);
      }
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return {root, text: root.textContent, elements};
}

const count = (s, ch) => s.split(ch).length - 1;

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><iframe src="//evil.example"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click]( javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](https://ok.example" onmouseover="alert(1))',
  '[x](//evil.example)',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  'javascript:alert(1)',
  'https://example.com/"><script>alert(1)</script>',
  "https://example.com/'onmouseover='alert(1)",
  'https://exa mple.com',
  '**<b onclick="x()">nested</b>**',
  '*<i style="x">*  _<u>_  `<code onclick=1>`',
  '```\n<script>alert(1)</script>\n```',
  '> <blockquote onclick=1>\n> **<b>**',
  '&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62; &amp;amp; &quot;',
  '** * _ ` ``` [ ]( > ) __ ** *',
  '**bold *italic `code** still* going`',
  '[[[[](](](]((((https://a.example))))',
  '@room @admin<script> @<b>x</b> @' + 'a'.repeat(40),
  '\u202e<script>\u202c \u0000 \ufeff \ud800 lone surrogate',
  '<<script>script>alert(1)<</script>/script>',
  '<!-- comment --> <![CDATA[ x ]]> <?php echo 1; ?>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<style>*{display:none}</style><link rel=stylesheet href=//evil>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action=javascript:alert(1)><button>x</button></form>',
  '<table><tr><td>cell</td></tr></table>',
];

test('a hostile corpus makes only allowed elements, safe links, and keeps every "<" as text', () => {
  for (const input of HOSTILE) {
    const {text, elements} = renderChecked(input, {me: 'admin', mentionsMe: true});
    assert.equal(count(text, '<'), count(input, '<'), `every "<" is text: ${input}`);
    for (const e of elements) assert.ok(!['SCRIPT', 'IMG', 'IFRAME', 'SVG', 'STYLE', 'FORM', 'META'].includes(e.tagName));
  }
});

test('text without markers comes out exactly as typed, with no element at all', () => {
  for (const input of ['<b>bold</b><img src=x onerror=alert(1)> 3f9a', '大家早上好，今天下午三点开会。', 'a < b > c & d',
    'snake_case_name and 2*3*4', 'line one\nline two', '😀'.repeat(300), 'e@mail.example', '&lt;b&gt;']) {
    const {text, elements} = renderChecked(input);
    assert.equal(text, input);
    assert.equal(elements.length, 0, input);
  }
});

test('the allowed formatting: bold, italic, code, code blocks, quotes, links, mentions', () => {
  const tags = input => renderChecked(input, {me: 'ann'}).elements.map(e => e.tagName + (e.className ? `.${e.className}` : ''));
  assert.deepEqual(tags('**b** *i* _i_ `c`'), ['STRONG', 'EM', 'EM', 'CODE.md-code']);
  assert.deepEqual(tags('```\nx = 1\n```'), ['PRE.md-pre']);
  assert.deepEqual(tags('> quoted\nnot'), ['BLOCKQUOTE.md-quote']);
  assert.deepEqual(tags('go to https://example.com/a.'), ['A.message-link']);
  assert.deepEqual(tags('[the docs](https://example.com/docs)'), ['A.message-link']);
  assert.deepEqual(tags('hi @ann and @bob_2'), ['SPAN.mention mention-me', 'SPAN.mention']);
  const {root} = renderChecked('see [docs](https://example.com/d) now');
  assert.equal(root.textContent, 'see docs now');
  const link = root.children[0];
  assert.equal(link.getAttribute('href'), 'https://example.com/d');
  assert.equal(link.getAttribute('target'), '_blank');
  assert.equal(renderChecked('```\n**not bold** <i>\n```').root.textContent, '**not bold** <i>', 'nothing is formatted in code');
  assert.equal(plainText(parseMarkup('**a** `b` @c_d')), 'a b @c_d');
  assert.equal(plainText(parseMarkup('notes?\n> Highlights: **dm**')), 'notes?\nHighlights: dm', 'a quote stays apart');
});

test('unbalanced and misplaced markers stay as typed', () => {
  for (const input of ['**not closed', 'a * b * c', '`open', '```\nno end', '[label](not a url)', '_ spaced _',
    'foo_bar_baz', '** **', '*', '>', '](', '2 * 3 = 6 and 4*', 'x__y__z']) {
    assert.equal(renderChecked(input).text, input, input);
  }
});

test('huge and deeply nested inputs finish quickly', () => {
  const inputs = [
    '*'.repeat(100000), '_a'.repeat(50000), '**a '.repeat(25000), '`'.repeat(100001), '[x]('.repeat(25000),
    '*_'.repeat(50000) + 'x' + '_*'.repeat(50000), '> '.repeat(50000), '\n> a'.repeat(20000),
    'https://a.example/'.repeat(10000), '@abc '.repeat(20000), ('*a ' + '_b '.repeat(10)).repeat(5000),
    '```\n'.repeat(20000), '<b>'.repeat(30000),
  ];
  for (const input of inputs) {
    const started = process.hrtime.bigint();
    parseMarkup(input);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // 25 to 50 times the server's longest message (4,000 code points); the parser is linear, so this is slack
    assert.ok(ms < 1000, `${JSON.stringify(input.slice(0, 12))}… (${input.length} chars) took ${ms.toFixed(0)} ms`);
    const {text} = renderChecked(input);
    assert.equal(count(text, '<'), count(input, '<'));
  }
});

test('random input from markers, HTML and text never makes anything but allowed markup', () => {
  const pieces = ['*', '**', '_', '__', '`', '```', '\n', '> ', '[', ']', '(', ')', '](', 'https://a.example/x', 'javascript:',
    '<script>', '</script>', '<img src=x onerror=alert(1)>', '"', "'", '&lt;', '@ann', '@room', ' ', 'word', '中文', '😀'];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let n = 0; n < 3000; n += 1) {
    let input = '';
    const length = 1 + Math.floor(random() * 30);
    for (let i = 0; i < length; i += 1) input += pieces[Math.floor(random() * pieces.length)];
    const {text} = renderChecked(input, {me: 'ann', mentionsMe: true});
    assert.equal(count(text, '<'), count(input, '<'), input);
  }
});
