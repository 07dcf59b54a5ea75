/**
 * The hostile-markup vectors the pipeline tests feed through extraction, the library, the offline
 * reader and the EPUB: DOMPurify's fixture payloads (tests/fixtures/hostile/SOURCES.md) and these,
 * written for what a story page can hold: script and handler tricks, dangerous URLs in every
 * attribute that takes one, remote and scripted CSS, forms, frames, <base>, <meta> and window-opening
 * links. Each one, rendered, would run script, open a window, navigate, or call a foreign host.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Vector {
  title: string;
  payload: string;
}

const FOREIGN = 'https://evil.example';
const SCHEMES = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' \tjavascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  '&#106;avascript:alert(1)',
  'java\u0000script:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml,<svg onload=alert(1)>',
];
/** Every attribute that takes an address, on an element that uses it. */
const URL_SLOTS: [string, string][] = [
  ['a', 'href'],
  ['area', 'href'],
  ['img', 'src'],
  ['img', 'srcset'],
  ['iframe', 'src'],
  ['form', 'action'],
  ['button', 'formaction'],
  ['video', 'poster'],
  ['audio', 'src'],
  ['source', 'src'],
  ['object', 'data'],
  ['embed', 'src'],
  ['link', 'href'],
  ['table', 'background'],
  ['blockquote', 'cite'],
  ['input', 'src'],
];
const HANDLERS = [
  '<img src=x onerror=alert(1)>',
  '<body onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<div onmouseover=alert(1) style="position:fixed;inset:0">x</div>',
  '<p onclick="alert(1)">Click</p>',
  '<select autofocus onfocus=alert(1)>',
  '<textarea autofocus onfocus=alert(1)>',
  '<keygen autofocus onfocus=alert(1)>',
  '<object data=x onerror=alert(1)>',
  '<style onload=alert(1)></style>',
  '<link rel=stylesheet href=x onerror=alert(1)>',
  '<x onbeforescriptexecute=alert(1)>',
  '<a onpointerenter=alert(1)>x</a>',
  '<form><button formaction=javascript:alert(1)>x</button></form>',
  '<isindex action=javascript:alert(1) type=submit>',
];
const STRUCTURE = [
  `<base href="${FOREIGN}/">`,
  `<meta http-equiv="refresh" content="0;url=${FOREIGN}/">`,
  `<meta http-equiv="set-cookie" content="a=b">`,
  `<iframe src="${FOREIGN}/frame"></iframe>`,
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  `<frameset><frame src="${FOREIGN}/"></frameset>`,
  `<object data="${FOREIGN}/x.swf"></object>`,
  `<embed src="${FOREIGN}/x.swf">`,
  `<applet code="x" codebase="${FOREIGN}/"></applet>`,
  `<portal src="${FOREIGN}/"></portal>`,
  `<a href="${FOREIGN}/" target="_top">top</a>`,
  `<a href="${FOREIGN}/" target="_self">self</a>`,
  `<a href="${FOREIGN}/" target="w" rel="opener">named window</a>`,
  `<a href="${FOREIGN}/" ping="${FOREIGN}/ping">ping</a>`,
  `<a href="${FOREIGN}/" download>download</a>`,
  `<form action="${FOREIGN}/"><input name=q value=x><button>go</button></form>`,
  `<form id=f></form><button form=f formaction="${FOREIGN}/">go</button>`,
  `<img src="${FOREIGN}/pixel.gif" width=1 height=1>`,
  `<img srcset="${FOREIGN}/a.png 1x, ${FOREIGN}/b.png 2x">`,
  `<picture><source srcset="${FOREIGN}/a.webp"><img src="${FOREIGN}/a.png"></picture>`,
  `<video poster="${FOREIGN}/p.png"><track src="${FOREIGN}/t.vtt"></video>`,
  `<p style="background:url(${FOREIGN}/bg.png)">styled</p>`,
  `<p style="background-image:image-set('${FOREIGN}/bg.png' 1x)">styled</p>`,
  `<style>@import url(${FOREIGN}/a.css); p { background: url(${FOREIGN}/b.png) }</style>`,
  `<style>@font-face { font-family: x; src: url(${FOREIGN}/f.woff) }</style>`,
  `<link rel=stylesheet href="${FOREIGN}/a.css">`,
  `<link rel=prefetch href="${FOREIGN}/next">`,
  '<p style="width:expression(alert(1))">ie</p>',
  '<p style="behavior:url(x.htc)">ie</p>',
  `<svg><image href="${FOREIGN}/a.png"/></svg>`,
  `<svg><use href="${FOREIGN}/s.svg#x"/></svg>`,
  '<svg><a xlink:href="javascript:alert(1)"><text y=20>x</text></a></svg>',
  '<svg><animate attributeName=href to=javascript:alert(1) /></svg>',
  '<svg><set attributeName=onmouseover to=alert(1) /></svg>',
  '<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><img src=x onerror=alert(1)></template>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<plaintext><img src=x onerror=alert(1)>',
  '<textarea></textarea><img src=x onerror=alert(1)>',
  '<title><img src=x onerror=alert(1)></title>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<div id="body"><input name="parentNode"><input name="nodeName"></div>',
  '<form name="getElementById"></form><img name="cookie">',
  '<a id="__slipcaseReaderToggled"></a>',
  `<a href="${FOREIGN}/" onclick="window.open('${FOREIGN}/w')">opener</a>`,
  `<button popovertarget=p>x</button><div popover id=p onbeforetoggle=alert(1)>p</div>`,
  `<dialog open onclose=alert(1)><form method=dialog><button>x</button></form></dialog>`,
  `<script src="${FOREIGN}/x.js"></script>`,
  '<script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<svg><script href="data:,alert(1)"></script></svg>',
];

export function handWrittenVectors(): Vector[] {
  const urls = URL_SLOTS.flatMap(([tag, attr]) =>
    SCHEMES.map((scheme) => ({ title: `${tag} ${attr}=${scheme.slice(0, 16)}`, payload: `<${tag} ${attr}="${scheme}">x</${tag}>` })),
  );
  const handlers = HANDLERS.map((payload) => ({ title: `handler: ${payload.slice(0, 30)}`, payload }));
  const structure = STRUCTURE.map((payload) => ({ title: `markup: ${payload.slice(0, 30)}`, payload }));
  return [...urls, ...handlers, ...structure];
}

export function domPurifyVectors(): Vector[] {
  const file = join(import.meta.dirname, '..', 'fixtures', 'hostile', 'dompurify-vectors.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Vector[];
}

export const allVectors = (): Vector[] => [...domPurifyVectors(), ...handWrittenVectors()];
