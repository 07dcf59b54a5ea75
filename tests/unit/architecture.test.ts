/**
 * The layout rules of the README's design section, checked on every file: one folder per feature,
 * extension APIs only in entrypoints and `ext/` shells, UI without data access, small modules.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const FEATURES = ['core', 'entrypoints', 'library', 'reader', 'shell', 'sites', 'warnings'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Source files, as paths relative to the repository, without tests and their helpers. */
function sources(dir: string, ext = /\.(ts|tsx)$/): string[] {
  return walk(dir)
    .map((f) => relative(ROOT, f).split(sep).join('/'))
    .filter((f) => ext.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('/tests/'));
}

/** The modules a file imports at run time (type-only imports bring no code). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (!m[1]) found.push(m[2]!);
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

const EXTENSION_MODULES = /^(wxt\/browser|wxt\/utils\/|@wxt-dev\/storage|@wxt-dev\/webextension-polyfill|webextension-polyfill)/;
const EXTENSION_GLOBALS =
  /\b(?:chrome|browser)\.(?:runtime|storage|tabs|scripting|action|browserAction|contextMenus|menus|commands|alarms|offscreen|permissions|downloads|windows|i18n)\b/;
const mayUseExtensionApis = (file: string) => file.startsWith('src/entrypoints/') || /\/ext\//.test(file);

describe('the source tree', () => {
  it('has one folder per feature under src/', () => {
    const dirs = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual(FEATURES);
    expect(readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
  });

  it('touches extension APIs only in entrypoints/ and ext/ folders', () => {
    const offenders = sources(SRC)
      .filter((f) => !mayUseExtensionApis(f))
      .flatMap((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        const modules = runtimeImports(f).filter((m) => EXTENSION_MODULES.test(m));
        const globals = text.match(EXTENSION_GLOBALS);
        return [...modules.map((m) => `${f} imports ${m}`), ...(globals ? [`${f} uses ${globals[0]}`] : [])];
      });
    expect(offenders).toEqual([]);
  });

  it('keeps data access out of UI components: they get services as props', () => {
    const offenders = sources(SRC)
      .filter((f) => /\/ui\//.test(f))
      .flatMap((f) =>
        runtimeImports(f)
          .filter((m) => /(^|\/)(db|ext)\//.test(m))
          .map((m) => `${f} imports ${m}`),
      );
    expect(offenders).toEqual([]);
  });

  it('has no source file over 400 lines', () => {
    const files = [...sources(SRC, /\.(ts|tsx|css)$/), ...sources(join(ROOT, 'scripts'))];
    const long = files
      .map((f) => ({ f, lines: readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 400);
    expect(long).toEqual([]);
  });
});

/** A relative import of `from` as a source file, or the bare module name (a package). */
function resolveImport(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = join(dirname(from), spec.replace(/\?.*$/, '')).split(sep).join('/');
  const found = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find(
    (f) => /\.tsx?$/.test(f) && existsSync(join(ROOT, f)),
  );
  return found ?? base;
}

/** Every module `roots` bring in at run time, through source files. */
function reachable(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (/\.tsx?$/.test(f)) todo.push(...runtimeImports(f).map((m) => resolveImport(f, m)));
  }
  return seen;
}

/** What runs in archive pages: the content scripts, and each site's generated always-on script (its definition and the gate). */
const CONTENT_SCRIPTS = [
  ...sources(join(SRC, 'entrypoints')).filter((f) => /\.content(\.tsx?|\/index\.tsx?)$/.test(f)),
  'src/warnings/ext/site-gate.ts',
  ...readdirSync(join(SRC, 'sites'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `src/sites/${e.name}/${e.name}.ts`)
    .filter((f) => existsSync(join(ROOT, f))),
];

describe('content scripts', () => {
  it('never reach the library’s database: in a page, IndexedDB is the site’s', () => {
    expect(CONTENT_SCRIPTS.length).toBeGreaterThan(10);
    const all = reachable(CONTENT_SCRIPTS);
    expect(all).toContain('src/library/ext/client.ts'); // the reader's save asks the background
    expect([...all].filter((m) => m === 'idb' || m.startsWith('src/library/db/') || m === 'src/library/ext/library-db.ts')).toEqual([]);
  });

  it('are followed through their imports (the check can fail)', () => {
    expect(reachable(['src/entrypoints/popup/PopupApp.tsx'])).toContain('src/library/db/db.ts');
  });
});

describe('the checker itself', () => {
  it('sees an extension import, and ignores type-only imports', () => {
    expect(EXTENSION_MODULES.test('wxt/browser')).toBe(true);
    expect(EXTENSION_GLOBALS.test('await chrome.storage.local.get()')).toBe(true);
    expect(mayUseExtensionApis('src/library/ext/client.ts')).toBe(true);
    expect(mayUseExtensionApis('src/library/db/db.ts')).toBe(false);
    expect(runtimeImports('tests/unit/architecture.test.ts')).toContain('node:fs');
  });
});
