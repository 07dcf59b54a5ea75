/**
 * The stories an eFiction author page (`viewuser.php?uid=N`, its default "stories by" view) lists:
 * each `div.listbox` blurb's story link, in the page's order. Only stories of the same archive (its
 * host and folder) are kept. The page's further pages (`&offset=`) are not followed.
 */
import { $, $$ } from '../../core/dom';
import { phpScript } from '../kit/php-archive';
import { sameHost, type ListedWork, type WorkList } from '../kit/listed-works';
import { sidOf } from './labels';

export function efictionWorkListKind(url: string): WorkList['kind'] | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  const action = u.searchParams.get('action');
  const own = action === null || action === 'storiesby';
  return phpScript(u) === 'viewuser.php' && /^\d+$/.test(u.searchParams.get('uid') ?? '') && own ? 'author' : null;
}

export function efictionWorkList(doc: Document, pageUrl: string): WorkList | null {
  if (!efictionWorkListKind(pageUrl)) return null;
  const page = new URL(pageUrl);
  const folder = page.pathname.slice(0, page.pathname.lastIndexOf('/') + 1);
  const seen = new Set<string>();
  const works: ListedWork[] = [];
  for (const box of $$(doc, 'div.listbox')) {
    const link = $(box, 'a[href*="viewstory.php"]');
    const href = link?.getAttribute('href');
    const url = sameHost(href, page);
    const sid = sidOf(href);
    if (!url || !sid || url.pathname !== `${folder}viewstory.php` || seen.has(sid)) continue;
    seen.add(sid);
    works.push({ url: `${page.origin}${folder}viewstory.php?sid=${sid}`, title: link!.textContent?.trim() || `Story ${sid}`, part: null });
  }
  // Skins name the author in different places; the page's title is there in all of them.
  return {
    kind: 'author',
    title: doc.title.trim() || `Stories of author ${page.searchParams.get('uid')}`,
    url: pageUrl,
    works,
    next: null,
  };
}
