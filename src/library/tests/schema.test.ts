/**
 * Migrations, from every earlier schema version: a database written at version n, opened at the
 * latest, must hold exactly what the same library saved at the latest version holds — records,
 * versions, the search index — and work as one (search, new indexes, updates).
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { LIBRARY_NAME, LibraryBlockedError, openLibrary, sharedLibrary, type LibraryDb } from '../db/db';
import { loadStory, setProgress } from '../db/reading';
import { saveStory } from '../db/save';
import { DB_VERSION } from '../db/schema';
import { LACKING, PARTS, indexParts } from '../search/search-index';
import { searchLibrary, type LibraryQuery } from '../search/query';
import { tokens } from '../search/text-keys';
import { writeInNext } from '../search/waiting';
import { dump, freshLibrary, makeStory, seeded, testWindow } from './library-fixtures';

const win = testWindow();
const rand = seeded(11);
/** Every other story's text holds some common words, which the index finds by the stories lacking them (since v10). */
const copies = Array.from({ length: 8 }, (_, i) => {
  const c = makeStory(rand, 300 + i, { chapters: [1, 3], words: [40, 120] });
  return i % 2 ? c : { ...c, chapters: c.chapters.map((ch) => ({ ...ch, html: `${ch.html}<p>The rain, she said.</p>` })) };
});

type Dump = Awaited<ReturnType<typeof dump>>;

/** The library saved at the latest version, its saves' index keys written in. */
async function savedNow(): Promise<LibraryDb> {
  const db = await freshLibrary();
  for (const c of copies) await saveStory(db, c, win);
  while (await writeInNext(db));
  await setProgress(db, 'ao3:archiveofourown.org:302', { chapter: 0, fraction: 0.4 }, 1_900_000_000_000);
  return db;
}

/** What every migration must arrive at. */
async function latest(): Promise<Dump> {
  const db = await savedNow();
  const d = await dump(db);
  db.close();
  return d;
}

/** Searches in every field and in some, whole words and prefixes, drawn from the copies. */
const queries: LibraryQuery[] = copies
  .flatMap((c): LibraryQuery[] => {
    const m = c.meta;
    const first = (t: string) => tokens(t)[0]!;
    const [title, author, fandom, tag, summary] = [
      first(m.title),
      first(m.authors[0]!),
      first(m.fandoms[0]!),
      first(m.tags[0] ?? m.title),
      first(m.summary ?? m.title),
    ];
    const text = tokens(c.chapters[0]!.html.replace(/<[^>]*>/g, ' '))[5]!;
    return [
      { text: `${title} ` },
      { text: `${title} `, fields: ['title'] },
      { text: `${author} `, fields: ['author', 'text'] },
      { text: author.slice(0, 3), fields: ['author'] },
      { text: `${fandom} ${tag.slice(0, 3)}`, fields: ['fandom', 'tag'] },
      { text: `${summary} `, fields: ['summary'] },
      { text: `${text} ${summary}` },
      { text: `${text} ${title.slice(0, 3)}` },
      { text: title.slice(0, 3), fields: ['title'], sort: 'title' },
    ];
  })
  .concat([
    { text: 'the ', fields: ['text'] },
    { text: 'said the ' },
    { text: `she ${tokens(copies[0]!.meta.title)[0]!} ` },
  ] satisfies LibraryQuery[]);

const omit = (v: unknown, ...keys: string[]) => Object.fromEntries(Object.entries(v as object).filter(([k]) => !keys.includes(k)));

type Records = Record<string, [IDBValidKey, unknown][]>;

const FIELD_OF_LETTER: Record<string, number> = { t: 1, a: 2, f: 4, g: 8, s: 16, x: 32 };

/** The search index's parts as version 5 stored them: by [storyId, part], not by story number. */
function partsAtV5(d: Dump): [IDBValidKey, unknown][] {
  const ids = new Map(d.indexedStories!.map(([n, v]) => [n as number, (v as { id: string }).id]));
  return d.searchKeys!.map(([key, value]) => {
    const [storyId, part] = [ids.get(Math.floor((key as number) / PARTS))!, (key as number) % PARTS];
    return [[storyId, part], { storyId, part, keys: (value as { keys: string[] }).keys }];
  });
}

/** The search index as versions 3 and 4 stored it: postings keys, and terms with masks per story. */
function indexAtV3(d: Dump): Records {
  const byStory = new Map<string, Map<string, number>>();
  for (const [, value] of partsAtV5(d)) {
    const { storyId, keys } = value as { storyId: string; keys: string[] };
    const terms = byStory.get(storyId) ?? new Map<string, number>();
    for (const k of keys) terms.set(k.slice(1), (terms.get(k.slice(1)) ?? 0) | FIELD_OF_LETTER[k[0]!]!);
    byStory.set(storyId, terms);
  }
  const stories = [...byStory];
  return {
    postings: stories.flatMap(([storyId, terms]) => [...terms].map(([term, mask]): [IDBValidKey, unknown] => [[term, storyId, mask], 0])),
    storyTerms: stories.map(([storyId, terms]) => [storyId, { storyId, terms: [...terms.keys()], masks: [...terms.values()] }]),
  };
}

/** The search index before version 10: each story's keys without its lacking keys, in parts as a save writes them. */
function withoutLacking(d: Dump): Dump {
  const byStory = new Map<number, string[]>();
  for (const [key, value] of d.searchKeys!) {
    const n = Math.floor((key as number) / PARTS);
    byStory.set(n, [
      ...(byStory.get(n) ?? []),
      ...(value as { keys: string[] }).keys.filter((k) => !LACKING.some(([, letter]) => k.startsWith(letter))),
    ]);
  }
  const searchKeys = [...byStory].flatMap(([n, keys]) =>
    indexParts(n, keys).map(([key, part]): [IDBValidKey, unknown] => [key, { keys: part }]),
  );
  return { ...d, searchKeys };
}

/** The same library's records as schema version `version` stored them: a new version adds its case. */
function recordsAt(version: number, latest: Dump): Records {
  const d = version < 10 ? withoutLacking(latest) : latest;
  const map = (store: string, f: (v: unknown) => unknown) => d[store]!.map(([k, v]): [IDBValidKey, unknown] => [k, f(v)]);
  const stories = map('stories', (s) => omit(s, 'newChapters'));
  if (version === 1)
    return {
      stories: map('stories', (s) => omit(s, 'version', 'pending', 'newChapters')),
      chapters: map('chapters', (c) => omit(c, 'version')),
      progress: d.progress!,
    };
  if (version === 2) return { stories, chapters: d.chapters!, versions: d.versions!, progress: d.progress! };
  if (version === 3) return { stories, chapters: d.chapters!, versions: d.versions!, progress: d.progress!, ...indexAtV3(d) };
  if (version === 4) return { stories: d.stories!, chapters: d.chapters!, versions: d.versions!, progress: d.progress!, ...indexAtV3(d) };
  if (version === 5)
    return { stories: d.stories!, chapters: d.chapters!, versions: d.versions!, progress: d.progress!, searchKeys: partsAtV5(d) };
  // Before v11 no keys waited: the latest library's have all been written in (savedNow).
  const without = (...stores: string[]) =>
    Object.fromEntries(Object.entries(d).filter(([store]) => store !== 'waitingKeys' && !stores.includes(store)));
  if (version === 6) return without('fandoms', 'jobs', 'jobPages', 'memory', 'totals');
  if (version === 7) return without('jobs', 'jobPages', 'memory', 'totals');
  if (version === 8) return without('jobs', 'jobPages', 'totals');
  if (version === 9) return without('jobs', 'jobPages');
  if (version === 10) return without('jobs', 'jobPages');
  throw new Error(`No records for version ${version}: add its case`);
}

async function writeRaw(db: LibraryDb, records: Records): Promise<void> {
  const tx = db.transaction(Object.keys(records) as never, 'readwrite');
  for (const [name, list] of Object.entries(records)) {
    const store = tx.objectStore(name as never);
    // Stores without a key path (the postings) take the key beside the value.
    for (const [key, value] of list) await (store.keyPath === null ? store.put(value as never, key as never) : store.put(value as never));
  }
  await tx.done;
}

describe('migrations', () => {
  const earlier = Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1);

  it.each(earlier)('from version %i, every record arrives as the latest version would have saved it', async (version) => {
    const target = await latest();
    const factory = new IDBFactory();
    const old = await openLibrary(factory, { name: 'lib', version });
    expect(Array.from(old.objectStoreNames)).toEqual(
      Object.keys(recordsAt(version, target))
        .concat(version >= 4 ? ['jobPages', 'jobs'] : [])
        .sort(),
    );
    await writeRaw(old, recordsAt(version, target));
    old.close();

    const db = await openLibrary(factory, { name: 'lib' });
    expect(db.version).toBe(DB_VERSION);
    // Versions that v2 built from v1's chapters have no chapter numbers or marks, as those chapters had none (see types.ts).
    const versions = target.versions!.map(([k, v]): [IDBValidKey, unknown] => [
      k,
      version === 1 ? omit(v, 'chapterNumbers', 'chapterMarks') : v,
    ]);
    expect(await dump(db)).toEqual({ ...target, versions });
    expect((await db.getAll('stories')).map((s) => s.newChapters)).toEqual(copies.map(() => 0));
    expect(await db.getAll('jobs')).toEqual([]);

    // The new indexes and stores work on migrated data, and search finds what it finds in a library saved now.
    const now = await savedNow();
    for (const q of queries) {
      const [migrated, saved] = await Promise.all([searchLibrary(db, q), searchLibrary(now, q)]);
      expect(
        migrated.stories.map((s) => s.id),
        JSON.stringify(q),
      ).toEqual(saved.stories.map((s) => s.id));
      expect(migrated.total).toBeGreaterThan(0);
    }
    now.close();
    const some = copies[2]!;
    const id = 'ao3:archiveofourown.org:302';
    expect((await searchLibrary(db, { text: some.meta.title, fields: ['title'] })).stories[0]!.id).toBe(id);
    expect((await searchLibrary(db, { read: 'read' })).stories.map((s) => s.id)).toEqual([id]);
    const statuses = (await searchLibrary(db, { status: 'complete' })).stories.map((s) => s.meta.status);
    expect(statuses).toEqual(copies.filter((c) => c.meta.status === 'complete').map(() => 'complete'));
    const words = (await searchLibrary(db, { sort: 'words' })).stories.map((s) => s.words);
    expect(words).toEqual([...words].sort((a, b) => b - a));
    const grown = {
      ...some,
      chapters: [...some.chapters, { ...some.chapters[0]!, html: '<p>brand new chapter</p>' }],
      fetchedAt: some.fetchedAt! + 1,
    };
    expect((await saveStory(db, grown, win)).outcome).toBe('updated');
    expect((await loadStory(db, id))!.story.version).toBe(2);
    expect((await searchLibrary(db, { text: 'brand new chapter' })).stories.map((s) => s.id)).toEqual([id]);
    db.close();
  });

  it('a failing step leaves the database at its version, data and all, and reports the error', async () => {
    const factory = new IDBFactory();
    const old = await openLibrary(factory, { name: 'lib', version: 2 });
    const broken = { ...(recordsAt(2, await latest()).stories![0]![1] as { id: string }), meta: { title: 'No authors list' } };
    await writeRaw(old, { stories: [[broken.id, broken]] });
    old.close();
    await expect(openLibrary(factory, { name: 'lib' })).rejects.toThrow(TypeError);
    const again = await openLibrary(factory, { name: 'lib', version: 2 });
    expect(again.version).toBe(2);
    expect(Array.from(again.objectStoreNames)).not.toContain('postings');
    expect(await again.getAll('stories')).toEqual([broken]);
    again.close();
  });

  it('an open connection at an older version does not block the upgrade', async () => {
    const factory = new IDBFactory();
    const old = await openLibrary(factory, { name: 'lib', version: 1 });
    const db = await openLibrary(factory, { name: 'lib' });
    expect(db.version).toBe(DB_VERSION);
    await expect(old.getAll('stories')).rejects.toThrow();
    db.close();
  });

  it('a page that will not let go of an older version fails the open at once, losing nothing, and the next open succeeds', async () => {
    const target = await latest();
    const version = DB_VERSION - 1;
    const factory = new IDBFactory();
    const old = await openLibrary(factory, { name: LIBRARY_NAME, version });
    await writeRaw(old, recordsAt(version, target));
    old.close();
    // A connection that ignores versionchange, as a page of an older Slipcase might.
    const holder = await new Promise<IDBDatabase>((resolve) => {
      const r = factory.open(LIBRARY_NAME, version);
      r.onsuccess = () => resolve(r.result);
    });
    // The pages' and the background's shared opener, which must not keep the failure.
    const library = sharedLibrary(() => factory);
    await expect(library()).rejects.toThrow(LibraryBlockedError);
    holder.close();
    const db = await library();
    expect(await library()).toBe(db);
    expect(db.version).toBe(DB_VERSION);
    expect(await dump(db)).toEqual(target);
    db.close();
  });
});
