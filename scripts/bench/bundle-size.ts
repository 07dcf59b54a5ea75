/**
 * What Slipcase costs every archive page and what the reader adds when asked:
 * `npx tsx scripts/bench/bundle-size.ts` after `npm run build`.
 *
 * For each build, the content scripts the manifest runs on every matching page (always-on: one per
 * archive), the rating gate's parts injected when a page needs them (src/warnings/ext/gate-more.ts)
 * and the reader script injected only on demand (src/reader/ext/open-reader.ts), with its site's part on a site of its own hosts. Raw bytes are what the browser
 * parses on each page; gzip (level 9) and Brotli (quality 11) show the size with repetition
 * squeezed out, which is what a download of the package carries.
 *
 * Then per archive (each site definition with hosts of its own): the always-on scripts the
 * manifest runs on that site definition's pages, raw and gzipped, against issue #16's budget of
 * 20 KiB raw. Figures: the Chromium build's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { SITES } from '../../src/sites/registry';
import { readerSiteScript } from '../../src/sites/host-site';
import { readerSiteIds } from '../lib/site-scripts';
import { figure, kib } from './figures';
import { table } from './timing';

const OUTPUT = join(import.meta.dirname, '..', '..', '.output');
const TARGETS = ['chrome-mv3', 'firefox-mv2'] as const;
const READER = 'content-scripts/reader.js';
/** The rating gate's estimator, interstitial and fold: injected when a page needs one (src/warnings/ext/gate-more.ts). */
const GATE_MORE = 'content-scripts/gate-more.js';
const ALWAYS = 'its archive pages';
/** A host site's part of the reader, injected before it on that site's pages (src/sites/reader-sites.ts). */
const READER_SITE = 'on demand (reader, its site)';
/** Issue #16: the always-on script of an archive, raw. */
const BUDGET = 20 * 1024;

interface Manifest {
  content_scripts?: { matches?: string[]; js?: string[]; css?: string[] }[];
}

interface Row {
  target: string;
  file: string;
  when: string;
  raw: number;
  gzip: number;
  brotli: number;
}

function measure(target: string, file: string, when: string): Row {
  const bytes = readFileSync(join(OUTPUT, target, file));
  return {
    target,
    file,
    when,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function manifestOf(target: string): Manifest {
  const dir = join(OUTPUT, target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No build in ${dir}: run \`npm run build\` first.`);
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

function rowsFor(target: string): Row[] {
  const manifest = manifestOf(target);
  const alwaysOn = [...new Set((manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]))];
  if (!alwaysOn.length) throw new Error(`${target}: the manifest lists no content scripts`);
  return [
    ...alwaysOn.map((file) => measure(target, file, ALWAYS)),
    measure(target, GATE_MORE, 'on demand (gate)'),
    measure(target, READER, 'on demand (reader)'),
    ...readerSiteIds().map((id) => measure(target, `${readerSiteScript(id)}.js`, READER_SITE)),
  ];
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const rows = TARGETS.flatMap(rowsFor);
const head = ['build', 'file', 'loaded', 'raw', 'gzip -9', 'brotli 11'];
const cells = rows.map((r) => [r.target, r.file, r.when, kb(r.raw), kb(r.gzip), kb(r.brotli)]);
const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) => c.map((s, i) => (i < 3 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!))).join('  ');
console.log('Content script sizes');
console.log(line(head));
for (const c of cells) console.log(line(c));
for (const target of TARGETS) {
  const mine = rows.filter((r) => r.target === target);
  const always = mine.filter((r) => r.when === ALWAYS);
  const reader = mine.find((r) => r.file === READER)!;
  const sites = mine.filter((r) => r.when === READER_SITE).map((r) => r.raw);
  const sum = (key: 'raw' | 'gzip') => always.reduce((s, r) => s + r[key], 0);
  console.log(
    `${target}: always-on scripts of all archives together ${kb(sum('raw'))} raw, ${kb(sum('gzip'))} gzipped (each page gets its archive's); ` +
      `the reader adds ${kb(reader.raw)} raw only when opened, and on a site of its own hosts that site's ${kb(Math.min(...sites))}–${kb(Math.max(...sites))}`,
  );
}

/**
 * The always-on scripts on each archive's pages: those of every manifest entry that matches one of
 * the site definition's host patterns (the manifest's patterns are the definitions', see
 * knownHostPatterns in src/sites/registry.ts).
 */
function perArchive(target: string): void {
  const entries = manifestOf(target).content_scripts ?? [];
  console.log(`\n${target}: always-on scripts per archive (site definition)`);
  const out: string[][] = [];
  for (const site of SITES.filter((s) => s.hosts.length)) {
    const files = [
      ...new Set(entries.filter((e) => e.matches?.some((m) => site.hosts.includes(m))).flatMap((e) => [...(e.js ?? []), ...(e.css ?? [])])),
    ];
    if (!files.length) throw new Error(`${target}: no content script runs on ${site.id}'s hosts`);
    const sizes = files.map((f) => measure(target, f, ''));
    const raw = sizes.reduce((a, r) => a + r.raw, 0);
    const gzip = sizes.reduce((a, r) => a + r.gzip, 0);
    out.push([
      site.id,
      String(site.hosts.length),
      files.join(' + '),
      kb(raw),
      kb(gzip),
      raw <= BUDGET ? 'yes' : `no, +${kb(raw - BUDGET)}`,
    ]);
    if (target === 'chrome-mv3') {
      figure({
        name: `always-on script on ${site.id} pages, raw`,
        value: kib(raw),
        unit: 'KiB',
        note: `gzip -9 ${kb(gzip)}; ${files.join(' + ')}`,
      });
    }
  }
  table(['site', 'host patterns', 'scripts', 'raw', 'gzip -9', `within ${kb(BUDGET)}`], out, 3);
}
for (const target of TARGETS) perArchive(target);
