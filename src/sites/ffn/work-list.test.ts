import { describe, expect, it } from 'vitest';
import { ffnWorkList, ffnWorkListKind } from './work-list';
import { listsWorks, readWorkList } from '../kit/work-list';
import { parseHtml } from '../../../scripts/lib/html';

const AUTHOR = 'https://www.fanfiction.net/u/77/Some-Author';

/** An author page as FFN shapes it (reconstructed): the author's stories, then their favourites. */
const blurb = (kind: string, href: string, title: string) =>
  `<div class="z-list ${kind} zhover zpointer" data-storyid="1"><a class="stitle" href="${href}"><img class="cimage" src="/x.jpg">${title}</a>
  <div class="z-indent z-padtop">Summary.<div class="z-padtop2 xgray">Rated: T - English - Chapters: 3 - Words: 12,345</div></div></div>`;
const PAGE = `<html><head><title>Some Author | FanFiction</title></head><body><div id="content_wrapper_inner">
<div id="st_inside">
${blurb('mystories', '/s/4242/1/A-Title', 'A Title')}
${blurb('mystories', 'https://evil.example/s/5/1/Elsewhere', 'Elsewhere')}
${blurb('mystories', '/s/4343/1/Second-One', 'Second One')}
${blurb('mystories', '/s/4242/2/A-Title', 'A Title')}
${blurb('mystories', '/u/99/Not-A-Story', 'Not a story')}
</div>
<div id="fs_inside">${blurb('favstories', '/s/9999/1/Someone-Elses', 'Someone Else’s')}</div>
</div></body></html>`;

describe('ffnWorkList', () => {
  it("reads an author page's own stories in order, leaving out favourites, other hosts and repeats", () => {
    expect(ffnWorkList(parseHtml(PAGE, AUTHOR), AUTHOR)).toEqual({
      kind: 'author',
      title: 'Works by Some Author',
      url: AUTHOR,
      works: [
        { url: 'https://www.fanfiction.net/s/4242/1/A-Title', title: 'A Title', part: null },
        { url: 'https://www.fanfiction.net/s/4343/1/Second-One', title: 'Second One', part: null },
      ],
      next: null,
    });
  });

  it('knows author pages by their address, and the kit picks the reader by site', () => {
    expect(ffnWorkListKind(AUTHOR)).toBe('author');
    expect(ffnWorkListKind('https://www.fictionpress.com/u/12/')).toBe('author');
    expect(ffnWorkListKind('https://www.fanfiction.net/s/4242/1/A-Title')).toBeNull();
    expect(ffnWorkListKind('https://www.fanfiction.net/book/Harry-Potter/')).toBeNull();
    expect(listsWorks('ffn', AUTHOR)).toBe(true);
    expect(listsWorks('ao3', AUTHOR)).toBe(false);
    expect(listsWorks('ao3', 'https://archiveofourown.org/series/5')).toBe(true);
    expect(listsWorks('efiction', 'https://example.org/fics/viewuser.php?uid=3')).toBe(true);
    expect(listsWorks('efiction', 'https://example.org/fics/viewuser.php?uid=3&action=favst')).toBe(false);
    expect(readWorkList('ffn', parseHtml(PAGE, AUTHOR), AUTHOR)?.works).toHaveLength(2);
    expect(readWorkList('toString', parseHtml(PAGE, AUTHOR), AUTHOR)).toBeNull();
  });
});
