import { describe, expect, it } from 'vitest';
import { siteCatalogue } from './catalogue';

const pages = [
  { url: 'https://archiveofourown.org/works/1', site: 'ao3' },
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
    expect(byId.get('archiveofourown.org')).toMatchObject({ family: 'ao3', pages: 1 });
    expect(entries.filter((e) => e.family === 'xenforo').map((e) => e.id)).toContain('spacebattles.com');
  });

  it('leaves out the generic adapter, which is no archive', () => {
    expect(entries.some((e) => e.id === 'generic' || e.family === 'generic')).toBe(false);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});
