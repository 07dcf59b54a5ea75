import { describe, expect, it } from 'vitest';
import { siteCatalogue } from './catalogue';
import { SITES } from './registry';

const pages = [
  { url: 'https://archiveofourown.org/works/1', site: 'ao3' },
  { url: 'https://archiveofourown.gay/works/2', site: 'ao3' },
  { url: 'https://archive.transformativeworks.org/works/3', site: 'ao3' },
  { url: 'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=1', site: 'efiction' },
  { url: 'https://elsewhere.example/viewstory.php?sid=1', site: 'efiction' },
  { url: 'https://www.fanfiction.net/s/1/1/', site: 'ffn' },
  { url: 'http://www.geocities.com/x/', site: 'generic' },
];

describe('site catalogue', () => {
  const entries = siteCatalogue(pages);
  const byId = new Map(entries.map((e) => [e.id, e]));

  it('lists a site of its own once, with its hosts and all its pages', () => {
    expect(byId.get('ffn')).toMatchObject({ name: 'FanFiction.net', family: null, pages: 1 });
    expect(byId.get('ffn')!.hosts).toContain('*://www.fanfiction.net/*');
  });

  it('counts each archive of a software family, with the pages on its hosts only', () => {
    expect(byId.get('spikeluver.com')).toMatchObject({ family: 'efiction', pages: 1 });
    expect(byId.get('squidgeworld.org')).toMatchObject({ family: 'ao3', pages: 0 });
    expect(entries.filter((e) => e.family === 'xenforo').map((e) => e.id)).toContain('spacebattles.com');
  });

  it("lists an archive's alias domains as its hosts, with their pages, not as archives", () => {
    const ao3 = byId.get('archiveofourown.org')!;
    expect(ao3).toMatchObject({ family: 'ao3', pages: 3 });
    for (const alias of ['archiveofourown.com', 'archiveofourown.net', 'archiveofourown.gay', 'ao3.org']) {
      expect(ao3.hosts).toEqual(expect.arrayContaining([`*://${alias}/*`, `*://*.${alias}/*`]));
      expect(byId.has(alias)).toBe(false);
    }
    expect(ao3.hosts).toContain('*://archive.transformativeworks.org/*');
    expect(byId.has('transformativeworks.org')).toBe(false);
  });

  it('names as aliases only domains the adapter serves, each of an archive it lists', () => {
    for (const site of SITES.filter((s) => s.aliases)) {
      const listed = new Set(
        siteCatalogue([])
          .filter((e) => e.family === site.id)
          .map((e) => e.id),
      );
      for (const [alias, archive] of Object.entries(site.aliases!)) {
        expect(site.hosts, site.id).toContain(`*://${alias}/*`);
        expect(listed, site.id).toContain(archive);
      }
    }
  });

  it('leaves out the generic adapter, which is no archive', () => {
    expect(entries.some((e) => e.id === 'generic' || e.family === 'generic')).toBe(false);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});
