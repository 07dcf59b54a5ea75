/** EPUBCheck's verdict on a book, from Debian's epubcheck package (.ci/run installs it). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

/** EPUBCheck's output for the book, warnings counted as failures ("No errors or warnings detected." when it passes). */
export function epubcheck(book: Uint8Array): string {
  if (!existsSync(EPUBCHECK_JAR)) throw new Error('EPUBCheck is not installed (apt-get install epubcheck; .ci/run does).');
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-epubcheck-'));
  const file = join(dir, 'story.epub');
  writeFileSync(file, book);
  try {
    return execFileSync('java', ['-jar', EPUBCHECK_JAR, '--failonwarnings', file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  } finally {
    rmSync(dir, { recursive: true });
  }
}
