/**
 * A host site's reader script hands its site to the reader script injected after it through a
 * global of the isolated world (src/sites/host-site.ts); the reader then asks that site first.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { offerHostSite, offeredHostSite } from '../host-site';
import { FAMILIES, readerPick, readerSites } from '../reader-sites';
import { ffn } from '../ffn/ffn';
import { parseHtml } from '../../../scripts/lib/html';

const FFN_PAGE = 'https://www.fanfiction.net/s/1234/1/A-Title';

describe('the host site hand-over', () => {
  // Each test starts as a new page's isolated world does: with nothing offered.
  beforeEach(() => void Reflect.deleteProperty(globalThis, Symbol.for('slipcase.readerHostSite')));

  it('before any host script ran, the reader knows the families alone', () => {
    expect(offeredHostSite()).toBeNull();
    expect(readerSites()).toEqual(FAMILIES);
    expect(readerPick()(parseHtml('<p>Hello</p>', FFN_PAGE), new URL(FFN_PAGE)).id).toBe('generic');
  });

  it('after it, the reader asks the offered site first', () => {
    offerHostSite(ffn);
    expect(readerSites()).toEqual([ffn, ...FAMILIES]);
    expect(readerPick()(parseHtml('<p>Hello</p>', FFN_PAGE), new URL(FFN_PAGE)).id).toBe('ffn');
  });
});
