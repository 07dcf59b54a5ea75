/**
 * The sanitiser against hostile markup: DOMPurify's classic vectors, URL tricks, remote CSS,
 * forms and frames. Also what it must keep: the formatting fiction needs. Every case goes through
 * both ways in: markup (sanitizeHtml) and nodes already parsed (sanitizeNodes, as extraction hands
 * the story over), which must agree.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml, sanitizeNodes, sanitizeToFragment } from '../sanitize';

const win = new JSDOM('').window as unknown as Window & typeof globalThis;

/** `html` parsed as a page's body, then sanitised as nodes, serialised. */
function asNodes(html: string): string {
  const doc = new win.DOMParser().parseFromString(html, 'text/html');
  const nodes = doc.createDocumentFragment();
  nodes.append(...Array.from(doc.body.childNodes));
  const holder = win.document.createElement('div');
  holder.append(sanitizeNodes(nodes, win));
  return holder.innerHTML;
}

/** The sanitised markup, the same both ways in. */
function clean(html: string): string {
  const out = sanitizeHtml(html, win);
  expect(asNodes(html), 'sanitised as nodes').toBe(out);
  return out;
}

/** Every attribute left in the output, as "tag@name=value". */
function attributes(html: string): string[] {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  return Array.from(doc.body.querySelectorAll('*')).flatMap((e) =>
    Array.from(e.attributes).map((a) => `${e.tagName.toLowerCase()}@${a.name}=${a.value}`),
  );
}

describe('sanitizeHtml: scripts and handlers', () => {
  it.each([
    ['img onerror', '<img src=x onerror=alert(1)>'],
    ['svg script', '<svg><script>alert(1)</script></svg>'],
    ['svg onload', '<svg onload=alert(1)><circle r=5 /></svg>'],
    ['script', '<script>alert(1)</script>'],
    ['body onload', '<body onload=alert(1)>'],
    ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
    ['template', '<template><img src=x onerror=alert(1)></template>'],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['object', '<object data="https://evil.example/x.swf"></object>'],
    ['embed', '<embed src="https://evil.example/x.swf">'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">'],
    ['base', '<base href="https://evil.example/">'],
    ['details ontoggle', '<details open ontoggle=alert(1)><summary>s</summary></details>'],
  ])('%s runs nothing', (_name, html) => {
    const out = clean(html);
    expect(out).not.toMatch(/<(?:script|svg|math|iframe|object|embed|meta|base|template|style)\b/i);
    expect(out).not.toMatch(/\bon[a-z]+\s*=/i);
    expect(out).not.toContain('alert(1)</');
    expect(attributes(out).filter((a) => /@on/.test(a))).toEqual([]);
  });

  it('strips ids, names, classes, data- and aria- attributes (no DOM clobbering, no page styling hooks)', () => {
    expect(clean('<p id="x" class="y" name="getElementById" data-x="1" aria-hidden="true" onclick="alert(1)">t</p>')).toBe('<p>t</p>');
  });
});

describe('sanitizeHtml: URLs', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'jav&#x0A;ascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)',
    'java\0script:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    '/relative/path',
    '//evil.example/protocol-relative',
  ])('drops the link target %s', (href) => {
    const out = clean(`<a href="${href}">x</a>`);
    expect(attributes(out).filter((a) => a.startsWith('a@href'))).toEqual([]);
    expect(out).toContain('>x</a>');
  });

  it('keeps absolute http(s) and mailto links, opening in a new tab without an opener', () => {
    const out = clean(
      '<a href="https://example.org/x" target="_self" rel="opener" ping="https://evil.example/">x</a> <a href="mailto:a@example.org">m</a>',
    );
    expect(attributes(out)).toEqual([
      'a@href=https://example.org/x',
      'a@target=_blank',
      'a@rel=noopener noreferrer nofollow',
      'a@href=mailto:a@example.org',
      'a@target=_blank',
      'a@rel=noopener noreferrer nofollow',
    ]);
  });

  it('keeps the author’s images: absolute URLs and embedded raster data, never SVG documents or scripts', () => {
    expect(clean('<img src="https://example.org/map.png" alt="Map" width="40">')).toBe(
      '<img src="https://example.org/map.png" alt="Map" width="40">',
    );
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=">');
    expect(clean('<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">')).toBe('<img>');
    expect(clean('<img src="data:text/html,<script>alert(1)</script>">')).toBe('<img>');
    expect(clean('<img srcset="https://evil.example/a.png 1x" src="https://example.org/b.png">')).toBe(
      '<img src="https://example.org/b.png">',
    );
  });
});

describe('sanitizeHtml: remote CSS and page furniture', () => {
  it('drops style elements, @import and stylesheet links with their text', () => {
    expect(clean('<style>@import url(https://evil.example/x.css); p{color:red}</style><p>Hi</p>')).toBe('<p>Hi</p>');
    expect(clean('<link rel="stylesheet" href="https://evil.example/x.css"><p>Hi</p>')).toBe('<p>Hi</p>');
  });

  it('keeps only alignment and emphasis in style attributes', () => {
    expect(clean('<p style="background:url(https://evil.example/t.png); text-align:center">a</p>')).toBe(
      '<p style="text-align:center">a</p>',
    );
    expect(clean('<p style="font-weight: 700; font-style: italic; position: fixed; display: none">a</p>')).toBe(
      '<p style="font-weight: 700; font-style: italic">a</p>',
    );
    expect(clean('<p style="font-style: expression(alert(1))">a</p>')).toBe('<p>a</p>');
    expect(clean('<p style="text-align: \\63 enter; background: \\75 rl(x)">a</p>')).toBe('<p>a</p>');
  });

  it('drops forms and their controls, keeping no option or button text', () => {
    const out = clean(
      '<form action="https://evil.example/"><input name="q" value="v"><button>Go</button><textarea>t</textarea><select><option>1. Chapter</option></select>Text</form>',
    );
    expect(out).toBe('Text');
  });
});

describe('sanitizeHtml: what fiction needs', () => {
  it('keeps italics, bold, line breaks, rules, centred scene breaks, quotes and lists', () => {
    const html =
      '<p><i>a</i> <b>b</b> <em>c</em> <strong>d</strong><br>e</p><hr><center>* * *</center><p align="center">~</p><blockquote>q</blockquote><ol start="3"><li>x</li></ol><p><s>no</s> <u>yes</u> <sup>1</sup></p>';
    expect(clean(html)).toBe(html);
  });

  it('keeps tables an author laid out (chat logs, letters)', () => {
    const html = '<table><tbody><tr><td colspan="2">A</td></tr></tbody></table>';
    expect(clean(html)).toBe(html);
  });
});

describe('sanitizeToFragment', () => {
  it('gives the same markup as sanitizeHtml, as nodes', () => {
    const html = '<p onclick="x()"><i>a</i><img src=x onerror=alert(1)><a href="https://example.org/">l</a></p><script>alert(1)</script>';
    const holder = win.document.createElement('div');
    holder.append(sanitizeToFragment(html, win));
    expect(holder.innerHTML).toBe(sanitizeHtml(html, win));
    expect(holder.innerHTML).toBe(
      '<p><i>a</i><img><a href="https://example.org/" target="_blank" rel="noopener noreferrer nofollow">l</a></p>',
    );
  });
});
