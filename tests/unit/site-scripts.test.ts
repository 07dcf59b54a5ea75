/**
 * Each site's always-on script, bundled as the build bundles it (scripts/lib/site-scripts.ts):
 * it carries its own site definition and none of the others', and none of what the gate loads only
 * when a page needs it (the estimator, the interstitial, the listing fold) nor the registry or the
 * browser API polyfill. Its size against the 20 KiB budget is the bench's (scripts/bench/bundle-size.ts,
 * from the real build): esbuild here shakes less out than the build's bundler.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SITES } from '../../src/sites/registry';
import { siteContentScripts, siteCoverStyles, writeSiteScripts } from '../../scripts/lib/site-scripts';
import { manifestCoverCss } from '../../src/warnings/early-cover';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'slipcase-site-scripts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Vite's `?inline` CSS imports, as text: a site script that pulled in the interstitial still bundles, and is caught below. */
const inlineCss: Plugin = {
  name: 'inline-css',
  setup(b) {
    b.onResolve({ filter: /\?inline$/ }, (a) => ({ path: join(a.resolveDir, a.path.replace(/\?inline$/, '')), namespace: 'css' }));
    b.onLoad({ filter: /.*/, namespace: 'css' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text' }));
  },
};

/** The source files in a site script's bundle, relative to the project. */
async function bundled(inputPath: string): Promise<string[]> {
  const result = await build({
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryPoints: [inputPath],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'iife',
    // As the build does for these scripts (wxt.config.ts): the browser's own API, no polyfill.
    alias: { 'wxt/browser': '@wxt-dev/browser' },
    nodePaths: [join(ROOT, 'node_modules')],
    plugins: [inlineCss],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p.replace(/^css:/, ''))));
}

const written = writeSiteScripts(dir);
const scripts = written.filter((s) => s.name.startsWith('site-'));
const readerScripts = written.filter((s) => s.name.startsWith('reader-site-'));

/** The sites whose folders a bundle draws on (the kit is everyone's). */
const sitesIn = (files: string[]) => [
  ...new Set(files.flatMap((f) => /^src\/sites\/([^/]+)\//.exec(f)?.[1] ?? []).filter((f) => f !== 'kit')),
];
const LAZY = [
  'src/sites/registry.ts',
  'src/warnings/estimate/estimate.ts',
  'src/warnings/estimate/lexicon.ts',
  'src/warnings/ui/interstitial.ts',
  'src/warnings/ui/fold.ts',
];

describe("each site's always-on script", () => {
  it('there is one for every site with hosts', () => {
    expect(scripts.map((s) => s.name).sort()).toEqual(
      SITES.filter((s) => s.hosts.length)
        .map((s) => `site-${s.id}`)
        .sort(),
    );
  });

  it.each(scripts.map((s) => [s.name, s.inputPath] as const))('%s holds its own site only, and no lazy part', async (name, inputPath) => {
    const files = await bundled(inputPath);
    const id = name.replace(/^site-/, '');
    expect(sitesIn(files)).toEqual([id]);
    expect(files.filter((f) => LAZY.includes(f) || f.includes('webextension-polyfill'))).toEqual([]);
  });
});

// The reader's content script carries the families; a site with hosts of its own comes in a script
// of its own, injected before it on that site's pages (src/sites/reader-sites.ts).
describe("each site's reader script", () => {
  it('there is one for every site with hosts of its own, and none for a family', () => {
    expect(readerScripts.map((s) => s.name).sort()).toEqual(
      SITES.filter((s) => s.hosts.length && !s.family)
        .map((s) => `reader-site-${s.id}`)
        .sort(),
    );
  });

  it("the reader's own script carries the families and the generic reader, and no registry", async () => {
    const files = await bundled(join(ROOT, 'src', 'entrypoints', 'reader.content', 'index.tsx'));
    const sites = sitesIn(files).filter((id) => SITES.some((s) => s.id === id));
    expect(sites.sort()).toEqual([...SITES.filter((s) => s.family).map((s) => s.id), 'generic'].sort());
    expect(files).not.toContain('src/sites/registry.ts');
  });

  it.each(readerScripts.map((s) => [s.name, s.inputPath] as const))('%s holds its own site only', async (name, inputPath) => {
    const files = await bundled(inputPath);
    expect(sitesIn(files)).toEqual([name.replace(/^reader-site-/, '')]);
    expect(files.filter((f) => f === 'src/sites/registry.ts' || f.includes('webextension-polyfill'))).toEqual([]);
  });
});

describe("each site's cover style", () => {
  it('is listed with its script on its hosts, and is the cover of its own site', () => {
    const styles = new Map(siteCoverStyles().map((f) => [f.relativeDest, f.contents]));
    for (const site of SITES.filter((s) => s.hosts.length)) {
      const entry = siteContentScripts().find((c) => c.js.includes(`site-${site.id}.js`));
      expect(entry?.matches).toEqual(site.hosts);
      expect(entry?.css).toEqual([`site-${site.id}.css`]);
      expect(styles.get(`site-${site.id}.css`)).toContain(manifestCoverCss(site));
    }
  });
});
