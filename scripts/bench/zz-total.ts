// Throwaway: list first 50 with old (count()) vs new (totals record) code, each on its own 3k profile, alternating.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumOptions } from '../../tests/e2e/lib/chromium-args';
const ORIGIN = 'https://library.bench.slipcase.test';
const [oldProfile, newProfile] = process.argv.slice(2) as [string, string];
const sides = [
  { name: 'old', script: readFileSync('/tmp/page-old.js', 'utf8'), profile: oldProfile },
  { name: 'new', script: readFileSync('/tmp/page-new.js', 'utf8'), profile: newProfile },
];
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const all: Record<string, Record<string, number[]>> = {};
for (let round = 0; round < 3; round++)
  for (const side of sides) {
    const profile = mkdtempSync(join(tmpdir(), 'zzt-'));
    cpSync(side.profile, profile, { recursive: true });
    const context = await chromium.launchPersistentContext(profile, chromiumOptions(null));
    await context.route(/^https?:/, (r) =>
      new URL(r.request().url()).pathname === '/bench.js'
        ? r.fulfill({ status: 200, contentType: 'text/javascript', body: side.script })
        : r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>x</title><script src="/bench.js"></script>' }),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${ORIGIN}/`);
    for (const sort of ['updated', 'title']) {
      const runs = (await page.evaluate(
        `window.libraryBench.searches('slipcase-library', Array(21).fill({ sort: '${sort}', limit: 50 }))`,
      )) as { ms: number; size: number }[];
      ((all[side.name] ??= {})[sort] ??= []).push(...runs.slice(1).map((r) => r.ms));
      console.log(round, side.name, sort, 'first', runs[0]!.ms.toFixed(1), 'median', med(runs.slice(1).map((r) => r.ms)).toFixed(2), 'total', runs[0]!.size);
    }
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
for (const sort of ['updated', 'title'])
  console.log(sort, 'old median', med(all.old![sort]!).toFixed(2), 'new median', med(all.new![sort]!).toFixed(2), 'new/old', (med(all.new![sort]!) / med(all.old![sort]!)).toFixed(2));
