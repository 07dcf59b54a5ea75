/**
 * What in rendered HTML could run script, open a window, navigate, submit, or call another host:
 * the checks the hostile-vector tests make of every output Slipcase renders or stores. Each danger
 * is named ("iframe", "img@onerror", "a@href=javascript:…"); an empty list is a clean output.
 */
import { JSDOM } from 'jsdom';

/** Elements that load, run, frame, submit or restyle from elsewhere: none may reach a reader. */
const ACTIVE = new Set(
  'script iframe frame frameset object embed applet portal form input button textarea select keygen isindex base meta link style svg math template noscript dialog'.split(
    ' ',
  ),
);
/** Attributes that hold an address. */
const URL_ATTRS = new Set([
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'poster',
  'background',
  'data',
  'codebase',
  'xlink:href',
  'ping',
]);
const SCRIPT_URL = /^(?:javascript|vbscript|data):/i;

/** Strips the whitespace and control characters a browser ignores in a URL's scheme. */
// eslint-disable-next-line no-control-regex -- the control characters are what a browser skips
const schemeOf = (v: string) => v.replace(/[\u0000-\u0020]/g, '').toLowerCase();

function attributeDangers(el: Element): string[] {
  const tag = el.localName;
  const out: string[] = [];
  for (const { name, value } of Array.from(el.attributes)) {
    const n = name.toLowerCase();
    if (n.startsWith('on')) out.push(`${tag}@${n}`);
    else if (n === 'ping' || n === 'download' || n === 'formaction' || n === 'popovertarget') out.push(`${tag}@${n}`);
    else if (n === 'target' && value !== '_blank') out.push(`${tag}@target=${value}`);
    else if (n === 'style' && /url\s*\(|expression\s*\(|image-set|behavior|@import/i.test(value))
      out.push(`${tag}@style=${value.slice(0, 40)}`);
    else if (URL_ATTRS.has(n)) {
      const v = schemeOf(value);
      // An embedded picture on an <img> costs no request and runs nothing; any other data: URL may.
      const dataImage = tag === 'img' && n === 'src' && /^data:image\/(?:png|jpe?g|gif|webp)/.test(v);
      if (SCRIPT_URL.test(v) && !dataImage) out.push(`${tag}@${n}=${v.slice(0, 24)}`);
      // Remote pictures are placeholders in what Slipcase stores and shows offline: a remote src is a request.
      if ((n === 'src' || n === 'srcset' || n === 'poster' || n === 'background' || n === 'data') && /^(?:https?:)?\/\//.test(v))
        out.push(`${tag}@${n}=remote`);
    }
  }
  if (tag === 'a' && el.getAttribute('target') === '_blank' && !/\bnoopener\b/.test(el.getAttribute('rel') ?? ''))
    out.push('a@target=_blank without noopener');
  return out;
}

/**
 * The dangers in `html`. `allowRemoteImages` for the live reader, which shows the page's own
 * pictures as the page did; what the library stores and the offline reader shows must load nothing.
 */
export function dangers(html: string, { allowRemoteImages = false, xml = false } = {}): string[] {
  const { window } = new JSDOM('');
  const root = xml
    ? new window.DOMParser().parseFromString(html, 'application/xhtml+xml').documentElement
    : JSDOM.fragment(`<div>${html}</div>`).firstElementChild!;
  const found: string[] = [];
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    if (ACTIVE.has(el.localName)) found.push(el.localName);
    found.push(...attributeDangers(el).filter((d) => !(allowRemoteImages && /^img@(?:src|srcset)=remote$/.test(d))));
  }
  return found;
}
