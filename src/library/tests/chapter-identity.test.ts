/**
 * Chapter identity across updates: chapters matched by text, by an address that names them, by a
 * title that tells them apart, and last by place; nothing saved is dropped, and the reader's place
 * follows its chapter.
 */
import { describe, expect, it } from 'vitest';
import { bareTitle, isNoticeChapter, placeNamed, reconcile, savedMatches, type KnownCopy } from '../jobs/chapter-identity';

const NOW = 1_800_000_000_000;
const ffn = (n: number) => `https://www.fanfiction.net/s/9/${n}/Slug`;
const ao3 = (id: number) => `https://archiveofourown.org/works/77/chapters/${id}`;

function copy(url: string, text: string, listTitle: string | null = null): KnownCopy {
  return { title: null, url, html: `<p>${text}</p>`, kind: 'chapter', listTitle, fingerprint: `fp:${text}` };
}

describe('placeNamed', () => {
  it('tells addresses that name a place from those that name a chapter', () => {
    expect(placeNamed([1, 2, 3].map(ffn))).toBe(true);
    expect(placeNamed([101, 102, 1].map(ao3))).toBe(false);
    expect(placeNamed(['https://a.org/viewstory.php?sid=5&chapter=1', 'https://a.org/viewstory.php?sid=5&chapter=2'])).toBe(true);
    // Work 1's chapter ids hold no place past the first.
    expect(placeNamed(['https://archiveofourown.org/works/1/chapters/1', 'https://archiveofourown.org/works/1/chapters/88'])).toBe(false);
  });
});

describe('bareTitle', () => {
  it('drops the list numbering and treats a bare number as no title', () => {
    expect(bareTitle('3. The  Guild')).toBe('the guild');
    expect(bareTitle('12. Chapter 12')).toBeNull();
    expect(bareTitle('Chapter 4')).toBeNull();
    expect(bareTitle(null)).toBeNull();
  });
});

describe('reconcile', () => {
  it('keeps a deleted chapter, adds the new one, and knows renumbered chapters by their titles', () => {
    const titles = ['Alpha', 'Beta', 'Gamma', 'Delta'];
    const saved = titles.map((t, i) => copy(ffn(i + 1), t, `${i + 1}. ${t}`));
    const site = ['Alpha', 'Gamma', 'Delta', 'Epsilon'].map((t, i) => ({ url: ffn(i + 1), title: `${i + 1}. ${t}` }));
    expect(savedMatches(site, saved)).toEqual([0, 2, 3, -1]);
    const r = reconcile(saved, site, [copy(ffn(4), 'Epsilon')], NOW);
    expect(r.chapters.map((c) => c.html)).toEqual(['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'].map((t) => `<p>${t}</p>`));
    expect(r.chapters.map((c) => c.removedAt ?? null)).toEqual([null, NOW, null, null, null]);
    expect(r.chapters.map((c) => c.number)).toEqual([1, null, 2, 3, 4]);
    expect(r.chapters.map((c) => c.url)).toEqual([1, 2, 2, 3, 4].map(ffn));
    expect(r).toMatchObject({ added: 1, notices: 0, removed: 1, changed: 0, moved: [0, 1, 2, 3] });
  });

  it('matches by text when titles say nothing, with every chapter fetched', () => {
    const saved = ['a', 'b', 'c', 'd'].map((t, i) => copy(ffn(i + 1), t, `${i + 1}. Chapter ${i + 1}`));
    const site = [1, 2, 3, 4].map((n) => ({ url: ffn(n), title: `${n}. Chapter ${n}` }));
    expect(savedMatches(site, saved)).toEqual([-1, -1, -1, -1]);
    const fetched = ['a', 'c', 'd', 'e'].map((t, i) => copy(ffn(i + 1), t));
    const r = reconcile(saved, site, fetched, NOW);
    expect(r.chapters.map((c) => c.html)).toEqual(['a', 'b', 'c', 'd', 'e'].map((t) => `<p>${t}</p>`));
    expect(r).toMatchObject({ added: 1, removed: 1, changed: 0 });
  });

  it('places an inserted chapter where the archive puts it, and the place follows its chapter', () => {
    const saved = [copy(ao3(101), 'one'), copy(ao3(102), 'two')];
    const site = [ao3(101), ao3(150), ao3(102)].map((url) => ({ url, title: null }));
    const r = reconcile(saved, site, [copy(ao3(150), 'interlude')], NOW);
    expect(r.chapters.map((c) => c.html)).toEqual(['<p>one</p>', '<p>interlude</p>', '<p>two</p>']);
    expect(r.moved).toEqual([0, 2]);
  });

  it('marks changed text and keeps the earlier text; a chapter put back loses its removed mark', () => {
    const gone = { ...copy(ao3(103), 'three'), removedAt: NOW - 5, number: null };
    const saved = [copy(ao3(101), 'one'), copy(ao3(102), 'two'), gone];
    const site = [ao3(101), ao3(102), ao3(103)].map((url) => ({ url, title: null }));
    const r = reconcile(saved, site, [copy(ao3(102), 'two, rewritten')], NOW);
    expect(r.chapters[1]).toMatchObject({ html: '<p>two, rewritten</p>', earlier: { html: '<p>two</p>', changedAt: NOW } });
    expect(r.chapters[2]).toMatchObject({ html: '<p>three</p>', removedAt: null, number: 3 });
    expect(r).toMatchObject({ added: 0, removed: 0, changed: 1 });
  });

  it('counts a new author’s note apart from new story', () => {
    const saved = [copy(ao3(101), 'one')];
    const note = { ...copy(ao3(102), 'on hiatus'), notice: true };
    const r = reconcile(
      saved,
      [ao3(101), ao3(102)].map((url) => ({ url, title: null })),
      [note],
      NOW,
    );
    expect(r).toMatchObject({ added: 1, notices: 1 });
  });
});

describe('isNoticeChapter', () => {
  it('knows a short hiatus or author’s note, and not a chapter that only starts with a note', () => {
    expect(isNoticeChapter("Author's Note", 'Thanks for reading, more soon.', 6)).toBe(true);
    expect(isNoticeChapter('14. Update', 'Sorry everyone, this story is on hiatus until spring.', 9)).toBe(true);
    expect(isNoticeChapter('The Storm', 'She ran for the door as the thunder broke.', 9)).toBe(false);
    const long = `Author's note: thanks! ${'word '.repeat(500)}`;
    expect(isNoticeChapter('The Storm', long, 503)).toBe(false);
  });
});
