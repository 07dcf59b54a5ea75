/**
 * Every extension API Slipcase calls, looked up in MDN's compatibility data for Firefox for Android
 * (at the version the Firefox build declares in gecko_android). Android has no keyboard shortcuts
 * and no context menus, among others; an API it lacks is undefined there, and calling into it
 * throws, stopping whatever the caller would have done next. So each use of such an API must be
 * written `browser.<namespace>?.…`, skipped where the namespace is missing (aliasing the
 * namespace first is refused too), or sit in code only Chrome's build runs. A new unguarded
 * desktop-only call fails here; the README's table of APIs must name every API in use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORED_FAMILIES, STORED_ITEMS } from '../../core/storage-keys';

const ROOT = join(import.meta.dirname, '..', '..', '..');
type Namespace = Record<string, { __compat?: Compat }> & { __compat?: Compat };
// Node's own JSON loading: as an ES import, Vite turns the 20 MB of data into a module, slowly.
const require = createRequire(import.meta.url);
const bcd = require('@mdn/browser-compat-data') as { webextensions: { api: Record<string, Namespace> } };
const API = bcd.webextensions.api;

interface SupportEntry {
  version_added: string | boolean | null;
  version_removed?: string | boolean | null;
  partial_implementation?: boolean;
  flags?: unknown[];
}
interface Compat {
  support: { firefox_android?: SupportEntry | SupportEntry[] };
}

/** Chrome's contextMenus is Firefox's menus (MDN files it there, as an alternative name). */
const FIREFOX_NAME: Record<string, string> = { contextMenus: 'menus' };

/** The Firefox for Android version the build declares (wxt.config.ts, gecko_android). */
function androidMinVersion(): number {
  const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
  const m = /gecko_android:\s*\{\s*strict_min_version:\s*'(\d+)/.exec(config);
  if (!m) throw new Error('wxt.config.ts declares no gecko_android strict_min_version');
  return Number(m[1]);
}

const version = (v: string | boolean | null | undefined): number | null =>
  typeof v === 'string' && /\d/.test(v) ? Number(v.replace(/^≤/, '')) : null;

interface AndroidSupport {
  supported: boolean;
  /** Works there with gaps MDN notes (tabs.query may see only some tabs, storage.sync does not sync). */
  partial: boolean;
  since: number | null;
}

/** Whether Firefox for Android `at` has `ns.member` (the namespace's entry where MDN has none for the member). */
function androidSupport(ns: string, member: string | null, at: number): AndroidSupport {
  const space = API[FIREFOX_NAME[ns] ?? ns];
  const compat = (member !== null ? space?.[member]?.__compat : undefined) ?? space?.__compat;
  const raw = compat?.support.firefox_android;
  const entries = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((e) => !e.flags);
  const live = entries.find((e) => {
    const added = version(e.version_added);
    const removed = version(e.version_removed);
    return added !== null && added <= at && (removed === null || removed > at);
  });
  return { supported: !!live, partial: !!live?.partial_implementation, since: version(live?.version_added) };
}

interface ApiUse {
  file: string;
  line: number;
  ns: string;
  member: string | null;
  /** Written `browser.<ns>?.`: skipped where the namespace is missing. */
  guarded: boolean;
}

/** Comments may name APIs freely; only code counts. (`//` inside a string is kept: it follows no space.) */
const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');

/** Each `browser.<ns>[.|?.]<member>` and `chrome.…` in `text`. */
function apiUses(file: string, text: string): ApiUse[] {
  const code = stripComments(text);
  return [...code.matchAll(/\b(?:browser|chrome)\.([a-zA-Z]\w*)(\?\.|\.)?([a-zA-Z]\w*)?/g)].map((m) => ({
    file,
    line: code.slice(0, m.index).split('\n').length,
    ns: m[1]!,
    member: m[2] ? (m[3] ?? null) : null,
    guarded: m[2] === '?.',
  }));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every API use in the extension's sources, and the storage areas @wxt-dev/storage reaches for it. */
function sourceUses(): ApiUse[] {
  const files = walk(join(ROOT, 'src'))
    .map((f) => relative(ROOT, f).split(sep).join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('/tests/'));
  const areas = new Set([...STORED_ITEMS, ...STORED_FAMILIES].map((i) => i.area));
  const storage = [...areas].map((area) => ({ file: 'src/core/storage-keys.ts', line: 0, ns: 'storage', member: area, guarded: false }));
  return [...files.flatMap((f) => apiUses(f, readFileSync(join(ROOT, f), 'utf8'))), ...storage];
}

/**
 * Code only Chrome's build runs, by file, and the source line that keeps it out of Firefox's:
 * offscreen documents exist only in Chrome, whose service worker has no DOM to save pages with.
 */
const CHROME_ONLY: Record<string, { why: string; proof: { file: string; line: RegExp } }> = {
  'src/library/ext/runner-link.ts': {
    why: 'offscreenHost; Firefox runs save jobs in its background page (localHost)',
    proof: { file: 'src/entrypoints/background.ts', line: /import\.meta\.env\.FIREFOX \? localHost\([^)]*\) : offscreenHost\(\)/ },
  },
};

const AT = androidMinVersion();
const key = (u: Pick<ApiUse, 'ns' | 'member'>) => (u.member ? `${u.ns}.${u.member}` : u.ns);

describe('extension APIs on Firefox for Android', () => {
  const uses = sourceUses();
  const missing = uses.filter((u) => !androidSupport(u.ns, u.member, AT).supported);

  it('finds the APIs the extension uses, and which of them Android lacks', () => {
    expect(AT).toBeGreaterThanOrEqual(142);
    // The scan sees the background's schedule and the shortcut: an empty scan would pass everything.
    expect(uses.map(key)).toEqual(expect.arrayContaining(['alarms.create', 'runtime.onMessage', 'storage.session']));
    expect(new Set(missing.map((u) => u.ns))).toEqual(new Set(['commands', 'contextMenus', 'offscreen']));
  });

  it('uses an API Android lacks only behind a feature check, or in code only Chrome runs', () => {
    const unguarded = missing.filter((u) => !u.guarded && !(u.file in CHROME_ONLY)).map((u) => `${u.file}:${u.line} ${key(u)}`);
    expect(unguarded).toEqual([]);
  });

  it('keeps the Chrome-only code out of the Firefox build', () => {
    for (const { proof } of Object.values(CHROME_ONLY)) expect(readFileSync(join(ROOT, proof.file), 'utf8')).toMatch(proof.line);
    const importers = walk(join(ROOT, 'src')).filter(
      (f) => !f.includes(`${sep}tests${sep}`) && /\boffscreenHost\b/.test(readFileSync(f, 'utf8')),
    );
    expect(importers.map((f) => relative(ROOT, f).split(sep).join('/')).sort()).toEqual([
      'src/entrypoints/background.ts',
      'src/library/ext/runner-link.ts',
    ]);
  });

  it('lists every API in use, with its Android support, in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Firefox for Android'));
    const absent = [...new Set(uses.map(key))].filter((k) => !section.includes(`\`${k}\``));
    expect(absent).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('reads MDN’s data: versions, removals, aliases, and APIs Firefox never had', () => {
    expect(androidSupport('alarms', 'create', 142)).toEqual({ supported: true, partial: false, since: 48 });
    expect(androidSupport('commands', 'getAll', 142).supported).toBe(false);
    expect(androidSupport('contextMenus', 'create', 142).supported).toBe(false);
    expect(androidSupport('downloads', 'download', 142).supported).toBe(false);
    expect(androidSupport('storage', 'session', 114).supported).toBe(false);
    expect(androidSupport('storage', 'session', 115).supported).toBe(true);
    expect(androidSupport('storage', 'sync', 142)).toMatchObject({ supported: true, partial: true });
    expect(androidSupport('offscreen', 'createDocument', 142).supported).toBe(false);
  });

  it('sees guarded and unguarded uses, and not those in comments', () => {
    const text = [
      '// browser.commands.getAll() in a comment',
      'const all = await browser.commands?.getAll();',
      'browser.commands.onCommand.addListener(f);',
      'const menus = browser.contextMenus; /* browser.windows.create() */',
      "chrome.offscreen.createDocument({ url: 'https://x.org/a' });",
    ].join('\n');
    expect(apiUses('f.ts', text).map((u) => [u.line, key(u), u.guarded])).toEqual([
      [2, 'commands.getAll', true],
      [3, 'commands.onCommand', false],
      [4, 'contextMenus', false],
      [5, 'offscreen.createDocument', false],
    ]);
  });
});
