/**
 * The files the background injects to open the reader (src/reader/ext/open-reader.ts): a site with
 * hosts of its own first, on its pages, then the reader, which carries the families itself.
 */
import { describe, expect, it } from 'vitest';
import { READER_SCRIPT, readerFiles } from '../ext/open-reader';

describe('readerFiles', () => {
  it("puts a host site's own script before the reader on that site's pages", () => {
    expect(readerFiles('https://www.fanfiction.net/s/1234/2/A-Title')).toEqual(['/reader-site-ffn.js', READER_SCRIPT]);
    expect(readerFiles('https://www.royalroad.com/fiction/1/a/chapter/2/b')).toEqual(['/reader-site-royalroad.js', READER_SCRIPT]);
  });

  it('injects the reader alone where it carries the site (a family) or reads the page itself', () => {
    expect(readerFiles('https://archiveofourown.org/works/1/chapters/2')).toEqual([READER_SCRIPT]);
    expect(readerFiles('https://example.net/stories/one.html')).toEqual([READER_SCRIPT]);
  });

  it('injects the reader alone when the tab shows no address it can read', () => {
    expect(readerFiles(undefined)).toEqual([READER_SCRIPT]);
    expect(readerFiles('not an address')).toEqual([READER_SCRIPT]);
  });
});
