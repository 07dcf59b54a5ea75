/**
 * Vitest global setup for the end-to-end run: a folder for the library backups the specs make
 * (tests/e2e/lib/library.ts), so a library saved once in a run is imported by later spec files
 * instead of saved again. It lives as long as the run: no backup outlives the build it came from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    libraryBackups: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'slipcase-e2e-backups-'));
  project.provide('libraryBackups', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
