/** The `inspect` CLI as other tools call it: see ../shared/contracts/inspect.md. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../lib/corpus';

const ROOT = join(import.meta.dirname, '..', '..');

function inspect(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'inspect.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const seed = join(CORPUS_DIR, 'allaboutspike', 'pages', 'fic-562.html');
const seedUrl = 'http://www.allaboutspike.com/fic.html?id=562';
const gate = join(CORPUS_DIR, 'ao3', 'pages', 'works-41877321-adult-gate.html');
const gateUrl = 'https://archiveofourown.org/works/41877321';

describe('inspect CLI', () => {
  it('prints one PageReport with every contract field, and only that, on stdout', () => {
    const r = inspect(seed, '--url', seedUrl);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(
      [
        'author',
        'chapter',
        'content',
        'estimate',
        'fandoms',
        'kind',
        'rating',
        'site',
        'summary',
        'tags',
        'title',
        'url',
        'warnings',
        'warningsHidden',
        'words',
      ].sort(),
    );
    expect(report).toMatchObject({
      url: seedUrl,
      site: 'allaboutspike',
      kind: 'story',
      rating: { level: 'unknown', label: null, source: 'none' },
    });
  }, 30_000);

  it('--no-content leaves content out', () => {
    const report = JSON.parse(inspect(seed, '--url', seedUrl, '--no-content').stdout);
    expect('content' in report).toBe(false);
  }, 30_000);

  it('--jsonl prints one object a line, in order', () => {
    const r = inspect('--jsonl', `${gate}=${gateUrl}`, `${seed}=${seedUrl}`, '--no-content');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.site, l.kind])).toEqual([
      ['ao3', 'gate'],
      ['allaboutspike', 'story'],
    ]);
  }, 30_000);

  it.each([
    ['a missing file', [join(ROOT, 'no-such-page.html'), '--url', seedUrl]],
    ['no --url', [seed]],
    ['a bad URL', [seed, '--url', 'not a url']],
  ])(
    'exits 2 with a one-line reason for %s',
    (_what, args) => {
      const r = inspect(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    },
    30_000,
  );

  it("follows a frameset's frame saved beside it, and reports a frameset alone as what it is", () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipcase-'));
    const pages = join(CORPUS_DIR, 'generic', 'pages');
    const top = join(dir, 'heatwave.html');
    writeFileSync(top, readFileSync(join(pages, 'velvet-dusk-heatwave-frameset.html')));
    const url = 'http://members.tripod.com/velvet_dusk/heatwave.html';
    const alone = JSON.parse(inspect(top, '--url', url, '--no-content').stdout);
    expect(alone).toMatchObject({ url, kind: 'none', site: 'generic' });
    mkdirSync(join(dir, 'fics'));
    writeFileSync(join(dir, 'fics', 'heatwave_story.html'), readFileSync(join(pages, 'velvet-dusk-heatwave-story.html')));
    const r = inspect(top, '--url', url);
    expect(r.code).toBe(0);
    const framed = JSON.parse(r.stdout);
    expect(framed).toMatchObject({
      url,
      kind: 'story',
      site: 'generic',
      title: 'Heatwave',
      author: 'Sable',
      rating: { level: 'explicit' },
    });
    expect(framed.content.text).toContain('By the fourth day of the heatwave');
  }, 30_000);

  it('exits 2 for input that is not HTML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipcase-'));
    const png = join(dir, 'x.html');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = inspect(png, '--url', seedUrl);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not HTML/);
  }, 30_000);

  it('exits 2, without a stack trace, for a page nested deeper than any browser builds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipcase-'));
    const deep = join(dir, 'deep.html');
    writeFileSync(deep, `<body>${'<div>'.repeat(20_000)}<p>Deep.</p>${'</div>'.repeat(20_000)}`);
    const r = inspect(deep, '--url', seedUrl);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nested/);
  }, 30_000);

  it('reads an archive’s list of all its 100,000 stories (200,000 elements) as the page it is: exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipcase-'));
    const all = join(dir, 'all.html');
    const links = Array.from({ length: 100_000 }, (_, i) => `<li><a href="/viewstory.php?sid=${i}">Story ${i}</a></li>`).join('');
    writeFileSync(all, `<!DOCTYPE html><title>All stories</title><h1>All stories</h1><ul>${links}</ul>`);
    const r = inspect(all, '--url', 'http://www.example-archive.net/all.php', '--no-content');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      url: 'http://www.example-archive.net/all.php',
      site: 'generic',
      rating: { level: 'unknown' },
    });
  }, 120_000);

  it('reads a saved page in the charset its <meta> declares (no HTTP header to say so)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipcase-'));
    const latin = join(dir, 'latin.html');
    // The seed page as a windows-1252 archive would serve it: the same report must come back.
    const utf8 = readFileSync(seed, 'utf8');
    const page = utf8.replaceAll('\ufffd', '?');
    writeFileSync(latin, Buffer.from(page.replace('charset=utf-8', 'charset=windows-1252'), 'latin1'));
    const r = inspect(latin, '--url', seedUrl);
    expect(r.code).toBe(0);
    writeFileSync(join(dir, 'utf8.html'), page);
    const same = inspect(join(dir, 'utf8.html'), '--url', seedUrl);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(same.stdout));
    expect(r.stdout).toMatch(/[\u00e9]/);
  }, 30_000);

  it('--sites lists the built-in site definitions as the contract says', () => {
    const r = inspect('--sites');
    expect(r.code).toBe(0);
    const sites = JSON.parse(r.stdout) as { id: string; name: string; hosts: string[]; family: string | null; pages: number }[];
    for (const s of sites) expect(Object.keys(s).sort()).toEqual(['family', 'hosts', 'id', 'name', 'pages']);
    expect(sites.find((s) => s.id === 'ffn')).toMatchObject({ name: 'FanFiction.net', family: null, pages: 4 });
    expect(sites.find((s) => s.id === 'spikeluver.com')).toMatchObject({
      family: 'efiction',
      hosts: ['*://spikeluver.com/SpuffyRealm/*', '*://www.spikeluver.com/SpuffyRealm/*'],
    });
    expect(sites.filter((s) => s.family === null).every((s) => s.pages >= 2)).toBe(true);
  }, 30_000);
});
