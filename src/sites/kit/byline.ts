/**
 * "Title by Author" lines: archives print them in `<title>`, chapter headings and blurbs. The
 * author is the part after the last " by ", unless the page names the author, which is then cut
 * off the end exactly (a title may itself hold " by ").
 */

export interface Byline {
  title: string | null;
  author: string | null;
}

/** "Hollow Hours by ember_and_ash" → both parts; a line without " by " is all title. */
export function splitByline(line: string): Byline {
  const text = line.trim();
  const cut = text.lastIndexOf(' by ');
  if (cut < 0) return { title: text || null, author: null };
  return { title: text.slice(0, cut).trim() || null, author: text.slice(cut + 4).trim() || null };
}

/** The line without its " by <author>" ending; the line itself when it does not end so. */
export function withoutByline(line: string, author: string | null, opts: { ignoreCase?: boolean } = {}): string {
  if (!author) return line;
  const ending = ' by ' + author;
  const ends = opts.ignoreCase ? line.toLowerCase().endsWith(ending.toLowerCase()) : line.endsWith(ending);
  return ends ? line.slice(0, -ending.length) : line;
}

/** The author of a "<title> by <author>" line whose title is known; null when it does not read so. */
export function authorAfter(line: string, title: string | null): string | null {
  if (!title || !line.startsWith(title + ' by ')) return null;
  return line.slice(title.length + 4).trim() || null;
}
