import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { definePages, defineSite, domainPatterns } from './define-site';
import { emptyInfo } from '../../core/model';
import { noNav } from '../../reader/extract-dom';

const doc = (html: string) => new JSDOM(html).window.document;
const site = defineSite(
  definePages({
    id: 'demo',
    name: 'Demo',
    domains: ['example.org'],
    storyBody: ['#storytext', '#storycontent'],
    read: () => emptyInfo('story'),
  }),
  { nav: () => noNav() },
);

describe('defineSite', () => {
  it('turns domains into match patterns and an exact-or-subdomain claim', () => {
    expect(site.hosts).toEqual(['*://example.org/*', '*://*.example.org/*']);
    const d = doc('');
    expect(site.claims(d, new URL('https://www.example.org/s/1'))).toBe(true);
    expect(site.claims(d, new URL('https://example.org/'))).toBe(true);
    expect(site.claims(d, new URL('https://notexample.org/'))).toBe(false);
    expect(domainPatterns(['a.net', 'b.com'])).toHaveLength(4);
  });

  it('covers every story-body selector, and extracts the first one found', () => {
    expect(site.cover).toEqual(['#storytext', '#storycontent']);
    const d = doc('<div id="storycontent">mobile</div><div id="storytext">desktop</div>');
    expect(site.extract(d, new URL('https://example.org/'))?.body.map((n) => n.textContent)).toEqual(['desktop']);
    expect(site.extract(doc('<p>none</p>'), new URL('https://example.org/'))).toBeNull();
  });

  it("keeps a site's own extract, claims and unwrap list", () => {
    const own = defineSite(
      definePages({
        id: 'own',
        name: 'Own',
        hosts: ['*://www.own.net/*'],
        claims: (_d, url) => url.hostname === 'www.own.net',
        storyBody: ['div.text'],
        unwrap: ['a.ad'],
        read: () => emptyInfo('story'),
      }),
      { nav: () => noNav() },
    );
    expect(own.hosts).toEqual(['*://www.own.net/*']);
    expect(own.claims(doc(''), new URL('https://own.net/'))).toBe(false);
    expect(own.extract(doc('<div class="text">t</div>'), new URL('https://www.own.net/'))?.unwrap).toEqual(['a.ad']);
  });
});
