/**
 * The stories a FanFiction.net or FictionPress author page (`/u/<id>/<name>`) lists as the
 * author's own (`div.z-list.mystories`, each with its `a.stitle` link), in the page's order; the
 * author's favourites (`div.z-list.favstories`) are someone else's and are left out. The page is
 * not paged. Only story links on the page's own host are kept.
 */
import { $$, cleanText } from '../../core/dom';
import { sameHost, type ListedWork, type WorkList } from '../kit/listed-works';

const AUTHOR_PATH = /^\/u\/\d+(?:\/[^/]*)?\/?$/;
const STORY_PATH = /^\/s\/(\d+)(?:\/\d+(?:\/([^/]*))?)?\/?$/;

export function ffnWorkListKind(url: string): WorkList['kind'] | null {
  return URL.canParse(url) && AUTHOR_PATH.test(new URL(url).pathname) ? 'author' : null;
}

export function ffnWorkList(doc: Document, pageUrl: string): WorkList | null {
  if (!ffnWorkListKind(pageUrl)) return null;
  const page = new URL(pageUrl);
  const seen = new Set<string>();
  const works: ListedWork[] = [];
  for (const link of $$(doc, 'div.z-list.mystories a.stitle[href]')) {
    const match = STORY_PATH.exec(sameHost(link.getAttribute('href'), page)?.pathname ?? '');
    if (!match || seen.has(match[1]!)) continue;
    seen.add(match[1]!);
    works.push({ url: `${page.origin}/s/${match[1]}/1/${match[2] ?? ''}`, title: cleanText(link) || `Story ${match[1]}`, part: null });
  }
  // The page's title is "<author> | FanFiction".
  const name = (doc.title.split('|')[0] ?? '').trim();
  return { kind: 'author', title: name ? `Works by ${name}` : 'Works', url: `${page.origin}${page.pathname}`, works, next: null };
}
