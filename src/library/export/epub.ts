/**
 * One saved story as an EPUB 3 book: a title page (rating, warnings, fandoms, tags, summary,
 * source), one XHTML document per chapter, nav.xhtml and content.opf, zipped with `mimetype`
 * first and uncompressed as OCF requires. The output depends only on the story, so exporting the
 * same copy twice gives the same bytes.
 *
 * Needs a window with a DOM (an extension page), to turn chapter HTML into XHTML (xhtml.ts).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ChapterRecord, StoryRecord } from '../types';
import { chapterXhtml, escapeXml as x } from './xhtml';
import { partText } from '../ui/format';
import { thousands } from '../../core/numbers';
import { RATING_WORD } from '../../core/rating';

const STYLE = `body { margin: 0 5%; line-height: 1.5; }
h1, h2 { text-align: center; }
.byline { text-align: center; font-style: italic; }
dl.meta dt { font-weight: bold; margin-top: 0.5em; }
dl.meta dd { margin-left: 1.5em; }
hr { width: 30%; margin: 1.5em auto; }
`;

/** A page: the XML declaration, the doctype and the XHTML namespaces around `body`. */
function page(title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>${x(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
${body}
</body>
</html>
`;
}

/** "Mature (Fiction M)": the shared level, and the site's own words when they differ. */
function ratingText(story: StoryRecord): string {
  const { level, label } = story.meta.rating;
  const name = RATING_WORD[level];
  return label && label.toLowerCase() !== name.toLowerCase() ? `${name} (${label})` : name;
}

/**
 * A chapter's heading: its own title, else "Chapter n" by the site's number. A partly saved work's
 * chapters always say their number ("Chapter 2: Pure Devotion"), as reading order no longer gives it.
 */
function chapterTitle(c: ChapterRecord, numbered: boolean): string {
  const title = c.title?.trim();
  const number = `Chapter ${c.number ?? c.index + 1}`;
  if (!numbered) return title || number;
  return title && title !== number ? `${number}: ${title}` : number;
}
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function titlePage(story: StoryRecord, chapters: number): string {
  const m = story.meta;
  const row = (label: string, value: string) => `<dt>${x(label)}</dt><dd>${value}</dd>`;
  const list = (items: string[]) => x(items.join(', '));
  const warnings = m.warningsHidden ? 'Hidden by the site' : m.warnings.length ? m.warnings.join(', ') : 'None given';
  const status = { complete: 'Complete', wip: 'Work in progress', unknown: null }[m.status];
  const part = partText(story);
  const rows = [
    row('Rating', x(ratingText(story))),
    row('Warnings', x(warnings)),
    m.fandoms.length ? row(m.fandoms.length > 1 ? 'Fandoms' : 'Fandom', list(m.fandoms)) : '',
    m.tags.length ? row('Tags', list(m.tags)) : '',
    // A partly saved work's words are the saved chapters' (build-records.ts#storyRecord).
    row(part ? 'Words saved' : 'Words', x(thousands(story.words))),
    row('Chapters', part ? x(part) : `${chapters}/${m.chapterTotal ?? '?'}`),
    status ? row('Status', status) : '',
    row('Source', `<a href="${x(story.url)}">${x(story.url)}</a>`),
    row('Saved', x(isoSeconds(story.updatedAt).slice(0, 10))),
  ];
  return page(
    m.title,
    `<section epub:type="titlepage">
<h1>${x(m.title)}</h1>
${m.authors.length ? `<p class="byline">by ${list(m.authors)}</p>` : ''}
<dl class="meta">${rows.join('')}</dl>
${m.summary ? `<h2>Summary</h2>\n<p>${x(m.summary)}</p>` : ''}
</section>`,
  );
}

function nav(story: StoryRecord, chapters: readonly ChapterRecord[]): string {
  const numbered = story.savedNumbers !== null;
  const items = chapters.map((c, i) => `<li><a href="chapter-${i + 1}.xhtml">${x(chapterTitle(c, numbered))}</a></li>`);
  return page(
    story.meta.title,
    `<nav epub:type="toc" id="toc">
<h1>Contents</h1>
<ol>
<li><a href="title.xhtml">Title page</a></li>
${items.join('\n')}
</ol>
</nav>`,
  );
}

function packageDocument(story: StoryRecord, chapters: readonly ChapterRecord[]): string {
  const m = story.meta;
  const chapterItems = chapters.map((_, i) => `<item id="c${i + 1}" href="chapter-${i + 1}.xhtml" media-type="application/xhtml+xml"/>`);
  const refs = chapters.map((_, i) => `<itemref idref="c${i + 1}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">${x(story.url)}</dc:identifier>
<dc:title>${x(m.title)}</dc:title>
${m.authors.map((a) => `<dc:creator>${x(a)}</dc:creator>`).join('\n')}
<dc:language>und</dc:language>
${m.summary ? `<dc:description>${x(m.summary)}</dc:description>` : ''}
${[...m.fandoms, ...m.tags].map((s) => `<dc:subject>${x(s)}</dc:subject>`).join('\n')}
<dc:source>${x(story.url)}</dc:source>
<meta property="dcterms:modified">${isoSeconds(story.updatedAt)}</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>
<item id="style" href="style.css" media-type="text/css"/>
${chapterItems.join('\n')}
</manifest>
<spine>
<itemref idref="title"/>
<itemref idref="nav"/>
${refs.join('\n')}
</spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

/** The EPUB file of a story's saved chapters (in reading order). */
export function buildEpub(story: StoryRecord, chapters: readonly ChapterRecord[], win: Window & typeof globalThis): Uint8Array {
  const files: Zippable = {
    // First and stored: readers identify the format by these bytes at a fixed offset.
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'EPUB/content.opf': strToU8(packageDocument(story, chapters)),
    'EPUB/nav.xhtml': strToU8(nav(story, chapters)),
    'EPUB/title.xhtml': strToU8(titlePage(story, chapters.length)),
    'EPUB/style.css': strToU8(STYLE),
  };
  const numbered = story.savedNumbers !== null;
  chapters.forEach((c, i) => {
    const heading = chapterTitle(c, numbered);
    const body = `<section epub:type="chapter">\n<h2>${x(heading)}</h2>\n${chapterXhtml(c.html, win)}\n</section>`;
    files[`EPUB/chapter-${i + 1}.xhtml`] = strToU8(page(heading, body));
  });
  return zipSync(files, { mtime: new Date(Math.max(story.updatedAt, Date.UTC(1980, 0, 2))) });
}

// eslint-disable-next-line no-control-regex -- control characters are among what file systems refuse
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f<>:"/\\|?*]+/g;

/** "Title - Author.epub", without characters file systems refuse. */
export function epubFileName(story: StoryRecord): string {
  const name = [story.meta.title, story.meta.authors.join(', ')].filter((s) => s.trim()).join(' - ');
  const safe = name
    .replace(UNSAFE_IN_FILE_NAME, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  return `${safe || 'story'}.epub`;
}
