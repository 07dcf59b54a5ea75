/**
 * "With the text unchanged": the reader's story text on each bench page, as a fingerprint (SHA-256
 * of the text, and its word count) recorded in extraction-text.json. The extraction benches
 * compare the text they get with it and fail on a difference, so a faster extraction cannot pass
 * by reading less or other text. `--record-text` writes what this build extracts as the record (do
 * it only when a change of the text is meant, and say so in the commit).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Story } from '../../src/reader/extract';
import { storyText } from './story-text';

const RECORD = join(import.meta.dirname, 'extraction-text.json');
const recording = process.argv.includes('--record-text');

interface Print {
  sha256: string;
  words: number;
}

const recorded: Record<string, Print> = existsSync(RECORD) ? (JSON.parse(readFileSync(RECORD, 'utf8')) as Record<string, Print>) : {};
const seen: Record<string, Print> = {};
const changed: string[] = [];

/** The story's text (the content and its notes) fingerprinted and compared with the record; returns "same", "new" or "CHANGED". */
export function checkText(page: string, story: Pick<Story, 'content' | 'notes'> | null): string {
  return checkPrint(page, storyText(story));
}

/** The same for a story's text already taken (story-text.ts), as a page script gives it back. */
export function checkPrint(page: string, text: string): string {
  const print = { sha256: createHash('sha256').update(text).digest('hex'), words: text.split(/\s+/).filter(Boolean).length };
  seen[page] = print;
  const before = recorded[page];
  if (!before) return 'new';
  if (before.sha256 === print.sha256) return 'same';
  changed.push(`${page}: ${before.words} words recorded, ${print.words} now`);
  return 'CHANGED';
}

/** Writes the record (with --record-text) or fails when a page's text changed. */
export function finishTextCheck(): void {
  if (recording) {
    writeFileSync(RECORD, `${JSON.stringify({ ...recorded, ...seen }, null, 2)}\n`);
    console.log(`Recorded the text of ${Object.keys(seen).length} pages in ${RECORD}`);
    return;
  }
  if (changed.length) {
    console.error(`The story text changed on ${changed.length} page(s) (scripts/bench/extraction-text.ts):\n  ${changed.join('\n  ')}`);
    process.exitCode = 1;
  }
}
