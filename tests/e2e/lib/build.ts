import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The built extension; the test command builds it first (`npm run build`). */
export function builtExtension(target: 'chrome-mv3' | 'firefox-mv2'): string {
  const dir = join(ROOT, '.output', target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No build in ${dir}: run \`npm run build\` first.`);
  return dir;
}

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');
