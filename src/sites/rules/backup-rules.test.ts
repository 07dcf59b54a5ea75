/**
 * Site rules in the library's backup: exported beside the stories, checked on import like any
 * untrusted input, and merged into the reader's own rules through the shell's load/merge pair.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryDb } from '../../library/db/db';
import { saveStory } from '../../library/db/save';
import { exportBackup, importBackupFile, type SiteRulesIo } from '../../library/export/transfer';
import { freshLibrary, makeStory, seeded, testWindow } from '../../library/tests/library-fixtures';
import { mergeRules, type SiteRule } from './rule';

const win = testWindow();
const open: LibraryDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
async function library(): Promise<LibraryDb> {
  const db = await freshLibrary();
  open.push(db);
  return db;
}

const RULE: SiteRule = {
  host: 'www.quillcorner.net',
  path: '/fics/',
  content: '.ficbody',
  title: '.ficname',
  next: 'a.fwd',
  rating: '.fic-rating',
};
const OTHER: SiteRule = { host: 'tales.example.org', path: '/', content: 'article .text' };

/** Rules kept in memory, merged as the shell merges them. */
function memoryRules(start: SiteRule[]): SiteRulesIo & { held: SiteRule[] } {
  const io = {
    held: start,
    load: () => Promise.resolve(io.held),
    merge: (incoming: SiteRule[]) => {
      io.held = mergeRules(io.held, incoming);
      return Promise.resolve();
    },
  };
  return io;
}

describe('site rules in the backup', () => {
  it('go out with the stories and come back merged: the same host and path replaced, others kept', async () => {
    const source = await library();
    await saveStory(source, makeStory(seeded(3), 1), win);
    const { blob } = await exportBackup(source, new Date(), memoryRules([RULE, OTHER]));

    const mine = memoryRules([
      { ...RULE, title: 'h1' },
      { host: 'mine.example.org', path: '/', content: '.x' },
    ]);
    const result = await importBackupFile(await library(), blob, win, mine);
    expect(result.added).toBe(1);
    expect(mine.held).toEqual([{ host: 'mine.example.org', path: '/', content: '.x' }, RULE, OTHER]);
  });

  it('a backup without rules leaves the reader’s rules alone', async () => {
    const { blob } = await exportBackup(await library(), new Date(), memoryRules([]));
    expect(JSON.parse(await blob.text())).not.toHaveProperty('siteRules');
    const mine = memoryRules([OTHER]);
    await importBackupFile(await library(), blob, win, mine);
    expect(mine.held).toEqual([OTHER]);
  });

  it('hostile rules in a backup are dropped, the valid one kept', async () => {
    const { blob } = await exportBackup(await library(), new Date(), memoryRules([]));
    const json = JSON.parse(await blob.text()) as Record<string, unknown>;
    json.siteRules = [
      { host: 'x.org', content: 7 },
      { host: 'bad host', content: 'p' },
      { ...RULE, title: 'x'.repeat(5000) },
      { __proto__: null },
      OTHER,
    ];
    const mine = memoryRules([]);
    await importBackupFile(await library(), new Blob([JSON.stringify(json)]), win, mine);
    expect(mine.held).toEqual([OTHER]);
  });
});
