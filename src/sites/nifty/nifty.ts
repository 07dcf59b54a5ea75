/**
 * Nifty Erotic Stories Archive (www.nifty.org): an adult-only archive of plain-text files, so
 * every work is explicit by site default (label null). Stories live under
 * /nifty/category/subcategory/: a one-file story is a file there, a longer one a folder of files
 * story-name-1, story-name-2, …; folders are directory listings. A text file reaches the browser
 * as text/plain, which the browser shows as one `<pre>` in an empty page; the file opens with
 * mail headers (Date:, From:, Subject:) from the archive's Usenet days, which give the title and
 * author. Neither FanFicFare nor WebToEpub reads Nifty, so this follows the archive's file layout.
 */
import type { ExtractedNote, Extraction } from '../types';
import type { ChapterNav, PageInfo } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { $, $$, cleanText, squash, textOrNull } from '../../core/dom';
import { linkUrl, type NavChapter } from '../../reader/extract-dom';
import { definePages, defineSite } from '../kit/define-site';
import { siteDefault } from '../kit/rating-scale';

/** The browser's view of a text file: one `<pre>` as the body's only element. */
const TEXT_VIEW = 'body > pre:only-child';
/** The archive's own tree; anything else (home, donation, help pages) is not a story. */
const ARCHIVE_PATH = /^\/nifty\/[^/]+\//;
/** The opening mail headers, each "Name: value" on a line of its own. */
const MAIL_HEADER = /^(Date|From|Subject|Reply-To|Message-ID|Newsgroups|Organization|Lines|X-[\w-]+):[^\n]*\n/i;

export const niftyPages = definePages({
  id: 'nifty',
  name: 'Nifty Archive',
  domains: ['nifty.org'],
  storyBody: [TEXT_VIEW],
  read,
  extract,
});

export const nifty = defineSite(niftyPages, {
  nav,
});

/** The mail headers at the top of a file, and where the story after them starts. */
function splitHeaders(text: string): { headers: Map<string, string>; rest: string; raw: string } {
  const headers = new Map<string, string>();
  let rest = text.replace(/^\s+/, '');
  for (let m = rest.match(MAIL_HEADER); m; m = rest.match(MAIL_HEADER)) {
    const line = m[0];
    const cut = line.indexOf(':');
    headers.set(line.slice(0, cut).toLowerCase(), line.slice(cut + 1).trim());
    rest = rest.slice(line.length);
  }
  return { headers, rest, raw: text.slice(0, text.length - rest.length) };
}

function segments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

/**
 * "name/name-3" → 3: only a file in its story's own folder is a part; a one-file story may end in
 * a number of its own ("summer-1994").
 */
function partNumber(url: URL): number | null {
  const [folder, file] = segments(url).slice(-2);
  const m = file?.match(/^(.+)-(\d+)$/);
  return m && m[1] === folder ? Number(m[2]) : null;
}

/** "Ann Quill <ann@example.org>" → the name; a bare address → its local part. */
function authorOf(from: string | undefined): string | null {
  const name = from
    ?.replace(/<[^>]*>/, '')
    .replace(/"/g, '')
    .trim();
  if (name && !name.includes('@')) return name;
  return from?.match(/([^\s<"]+)@/)?.[1] ?? null;
}

function read(doc: Document, url: URL): PageInfo {
  if (!ARCHIVE_PATH.test(url.pathname)) return emptyInfo('none');
  const pre = $(doc, TEXT_VIEW);
  if (!pre) return readDirectory(doc, url);
  const { headers } = splitHeaders(pre.textContent ?? '');
  const part = partNumber(url);
  const info = emptyInfo(part ? 'chapter' : 'story');
  info.rating = siteDefault('explicit');
  info.author = authorOf(headers.get('from'));
  info.title = titleOf(headers.get('subject'), part) ?? storyName(url);
  if (part) info.chapter = { index: part, count: null, title: null };
  return info;
}

/** The Subject line without the part number the author added to it ("Harbour Lights 2", "… - Chapter 2"). */
function titleOf(subject: string | undefined, part: number | null): string | null {
  if (!subject) return null;
  const ending = part ? new RegExp(`[\\s:,-]*(?:\\(?(?:chapter|part|ch\\.?)\\s*)?${part}\\)?$`, 'i') : null;
  return (ending ? subject.replace(ending, '') : subject).trim() || null;
}

/** The file or folder name as a title: "harbour-lights-2" → "harbour lights". */
function storyName(url: URL): string | null {
  const name = segments(url).at(-1) ?? '';
  return name.replace(/-\d+$/, '').replace(/[-_]+/g, ' ').trim() || null;
}

/**
 * A directory listing: a story's folder lists its own numbered files ("name/" holds "name-1",
 * "name-2") and is that story's index; a category lists many stories.
 */
function readDirectory(doc: Document, url: URL): PageInfo {
  if (!url.pathname.endsWith('/')) return emptyInfo('error');
  const name = segments(url).at(-1) ?? '';
  const first = segments(url).length >= 4 ? partLinks(doc, url)[0] : undefined;
  if (first) {
    const info = emptyInfo('index');
    // The listing shows each file's Subject line: the first part's, without its number.
    info.title = titleOf(textOrNull(first) ?? undefined, partNumber(new URL(linkUrl(first)!))) ?? storyName(url);
    info.rating = siteDefault('explicit');
    return info;
  }
  return emptyInfo(name && $$(doc, 'a[href]').length ? 'listing' : 'error');
}

/** The links of a story's folder to its own numbered files, in order. */
function partLinks(doc: Document, folder: URL): Element[] {
  const name = segments(folder).at(-1) ?? '';
  const part = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`);
  return $$(doc, 'a[href]').filter((a) => {
    const target = linkUrl(a);
    if (!target) return false;
    const u = new URL(target);
    return u.pathname.startsWith(folder.pathname) && part.test(segments(u).at(-1) ?? '');
  });
}

/**
 * The text after the mail headers, in paragraphs made for the reader: a text file wraps its lines
 * at about 72 characters and parts paragraphs with blank lines, which a reader should reflow.
 * The headers become a note.
 */
function extract(doc: Document): Extraction | null {
  const pre = $(doc, TEXT_VIEW);
  if (!pre) return null;
  const { rest, raw } = splitHeaders(pre.textContent ?? '');
  const block = (tag: string, text: string) => {
    const el = doc.createElement(tag);
    el.textContent = text;
    return el;
  };
  const body = rest
    .split(/\n[ \t]*\n/)
    .map(squash)
    .filter(Boolean)
    .map((text) => block('p', text));
  if (!body.length) return { body: [pre], notes: [] };
  const notes: ExtractedNote[] = raw ? [{ label: 'Mail headers', nodes: [block('pre', raw.trim())], position: 'before' }] : [];
  return { body, notes };
}

/**
 * A text file links nowhere, so a part's neighbours are the numbered files next to it; a story's
 * folder lists them all.
 */
function nav(doc: Document, url: URL): ChapterNav {
  if (!$(doc, TEXT_VIEW)) {
    const chapters: NavChapter[] = partLinks(doc, url).flatMap((a) => {
      const target = linkUrl(a);
      return target ? [{ title: cleanText(a), url: target, current: false }] : [];
    });
    return { prev: null, next: null, chapters };
  }
  // The numbering is the only link there is: past the last part the archive answers "not found", read as an error page.
  const part = partNumber(url);
  const sibling = (n: number) => new URL(url.pathname.replace(/-\d+$/, `-${n}`), url).href;
  return { prev: part && part > 1 ? sibling(part - 1) : null, next: part ? sibling(part + 1) : null, chapters: [] };
}
