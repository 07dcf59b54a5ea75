import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The built extension; the test command builds it first (`npm run build`). */
export function builtExtension(target: 'chrome-mv3' | 'firefox-mv2'): string {
  const dir = join(ROOT, '.output', target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No build in ${dir}: run \`npm run build\` first.`);
  return dir;
}

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

/** The namespaces Firefox for Android lacks that Slipcase would use (src/shell/tests/android-apis.test.ts). */
export const DESKTOP_ONLY_APIS = ['commands', 'menus', 'contextMenus'] as const;
const SHIM = 'desktop-apis-removed.js';

/**
 * A copy of the built Firefox extension that runs as Firefox for Android would: a script loaded
 * before any of the extension's own (first of the background scripts, first in every page's head)
 * deletes the desktop-only namespaces from `browser` and `chrome`. The product code is untouched.
 */
export function withoutDesktopApis(built: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-android-'));
  cpSync(built, dir, { recursive: true });
  const shim = `for (const api of [globalThis.browser, globalThis.chrome]) {
  for (const ns of ${JSON.stringify(DESKTOP_ONLY_APIS)}) if (api) delete api[ns];
}\n`;
  writeFileSync(join(dir, SHIM), shim);
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { background: { scripts: string[] } };
  manifest.background.scripts.unshift(SHIM);
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  for (const page of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(dir, page), 'utf8');
    if (!html.includes('<head>')) throw new Error(`${page} has no <head> to put the shim in`);
    writeFileSync(join(dir, page), html.replace('<head>', `<head>\n    <script src="/${SHIM}"></script>`));
  }
  return dir;
}
