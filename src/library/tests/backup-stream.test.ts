/**
 * The backup file read as a stream (src/library/export/backup-stream.ts): whatever the backup
 * holds and however its bytes arrive (split inside a string, an escape or a multi-byte letter),
 * it reads as JSON.parse reads the whole file; and what is not a backup's JSON is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotJsonError, readBackupStream } from '../export/backup-stream';

/** `bytes` as a stream that hands them over in pieces cut at `cuts`. */
function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...at, bytes.length].slice(1).map((end, i, ends) => bytes.slice(i === 0 ? 0 : ends[i - 1], end));
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(p);
      controller.close();
    },
  });
}

const read = (text: string, cuts: number[] = []) => readBackupStream(streamOf(new TextEncoder().encode(text), cuts));

/** Text with what makes a scanner slip: quotes, backslashes, braces, escapes, and letters of several bytes. */
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', 'é', '€', '𝄞', '\n', ' ', '\u2028') });
const story = fc.record({
  title: tricky,
  chapters: fc.array(fc.record({ html: tricky, number: fc.option(fc.integer()) }), { maxLength: 3 }),
  extra: fc.jsonValue(),
});
const backup = fc.record({
  format: tricky,
  version: fc.integer(),
  exportedAt: fc.string(),
  stories: fc.array(story, { maxLength: 6 }),
  other: fc.jsonValue(),
});

describe('a backup read as a stream', () => {
  it('reads as JSON.parse reads the whole text, however its bytes arrive and however it is spaced', async () => {
    await fc.assert(
      fc.asyncProperty(backup, fc.array(fc.nat(), { maxLength: 12 }), fc.constantFrom(0, 2), async (b, cuts, indent) => {
        const text = JSON.stringify(b, null, indent);
        expect(await read(text, cuts)).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('reads a list of stories one byte at a time', async () => {
    const text = JSON.stringify({ format: 'slipcase-library', version: 1, exportedAt: 'x', stories: [{ t: 'é"\\' }, 7, 'x', null, [1]] });
    const bytes = new TextEncoder().encode(text);
    expect(
      await read(
        text,
        Array.from(bytes, (_, i) => i),
      ),
    ).toEqual(JSON.parse(text));
  });

  it.each([
    ['an empty file', ''],
    ['a list', '[1, 2]'],
    ['a cut-off backup', '{"format": "slipcase-library", "stories": [{"title": "A'],
    ['a cut-off story', '{"stories": [{"title": "A"}'],
    ['more after the backup', '{"stories": []} {}'],
    ['a bad value', '{"version": nope}'],
    ['a bad story', '{"stories": [{"title": }]}'],
  ])('refuses %s', async (_what, text) => {
    await expect(read(text)).rejects.toBeInstanceOf(NotJsonError);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"format": "'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    await expect(readBackupStream(streamOf(bytes, []))).rejects.toBeInstanceOf(NotJsonError);
  });
});
