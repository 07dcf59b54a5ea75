/**
 * Reading a backup file as a stream. A library's backup is written in pieces (backup.ts#backupJson)
 * and can outgrow the longest string a browser builds (about 512 MiB), so it is never read as one:
 * the file's text passes through a scanner that keeps each top-level field, and each story of the
 * `stories` list, as its own small piece of JSON, parsed on its own. What comes out is the value
 * JSON.parse would give for the whole file. Pure: bytes in, a value out.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x7b, 0x5b]); // { [
const CLOSE = new Set([0x7d, 0x5d]); // } ]
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The file is not JSON of the shape a backup has (an object); `where` says how far it got. */
export class NotJsonError extends Error {
  override name = 'NotJsonError';
}

/** A value being collected: its text so far, from `from` in the current chunk on. */
interface Capture {
  pieces: string[];
  from: number;
  /** The depth the value sits at: 1 for a field of the backup, 2 for a story of its list. */
  depth: number;
  /** Where it goes once complete. */
  key: string | null;
}

/** Scans the backup's text chunk by chunk (see the module comment). */
class BackupScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private closed = false;
  /** At depth 1: a key is being read (its text is captured), or a value is due after its colon. */
  private readingKey: Capture | null = null;
  private key: string | null = null;
  private valueDue = false;
  private inStories = false;
  /** The backup has its `stories` as a list (read into `stories`, not `fields`). */
  sawStories = false;
  private capture: Capture | null = null;
  readonly fields: Record<string, unknown> = {};
  readonly stories: unknown[] = [];

  push(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) this.stringClosed(chunk, i);
        continue;
      }
      if (isSpace(c)) continue;
      if (this.capture) this.inValue(chunk, i, c);
      else this.between(i, c);
    }
    for (const open of [this.capture, this.readingKey]) {
      if (!open) continue;
      open.pieces.push(chunk.slice(open.from));
      open.from = 0;
    }
  }

  /** The value the whole text holds: throws NotJsonError where it is not a complete object. */
  end(): Record<string, unknown> {
    if (!this.closed || this.inString) throw new NotJsonError('the file ends before the backup does');
    return this.fields;
  }

  private stringClosed(chunk: string, i: number): void {
    this.inString = false;
    const key = this.readingKey;
    if (key) {
      this.readingKey = null;
      this.key = JSON.parse(finish(key, chunk, i + 1)) as string;
    } else if (this.capture && this.depth === this.capture.depth) this.complete(chunk, i + 1);
  }

  /** Inside a value being captured: nesting, and where it ends. */
  private inValue(chunk: string, i: number, c: number): void {
    const capture = this.capture!;
    if (c === QUOTE) this.inString = true;
    else if (OPEN.has(c)) this.depth++;
    else if (CLOSE.has(c) && this.depth > capture.depth) {
      this.depth--;
      if (this.depth === capture.depth) this.complete(chunk, i + 1);
    } else if (this.depth === capture.depth && (c === 0x2c || CLOSE.has(c))) {
      // A number, true, false or null ends where its list or object goes on or closes.
      this.complete(chunk, i);
      this.between(i, c);
    }
  }

  /** Between values: the backup's braces, its keys, the story list's commas. */
  private between(i: number, c: number): void {
    if (this.closed) throw new NotJsonError('there is more after the backup');
    if (this.depth === 0) {
      if (c !== 0x7b) throw new NotJsonError('a backup is an object');
      this.depth = 1;
    } else if (this.inStories) {
      if (c === 0x5d) {
        this.inStories = false;
        this.depth = 1;
      } else if (c !== 0x2c) this.startValue(i, c, 2);
    } else if (this.valueDue) {
      this.valueDue = false;
      if (this.key === 'stories' && c === 0x5b) {
        this.inStories = true;
        this.sawStories = true;
        delete this.fields.stories;
        this.depth = 2;
      } else this.startValue(i, c, 1);
    } else if (c === QUOTE) {
      this.inString = true;
      this.readingKey = { pieces: [], from: i, depth: 1, key: null };
    } else if (c === 0x3a) this.valueDue = true;
    else if (c === 0x7d) {
      this.depth = 0;
      this.closed = true;
    } else if (c !== 0x2c) throw new NotJsonError(`unexpected “${String.fromCharCode(c)}”`);
  }

  private startValue(i: number, c: number, depth: number): void {
    this.capture = { pieces: [], from: i, depth, key: depth === 1 ? this.key : null };
    if (c === QUOTE) this.inString = true;
    else if (OPEN.has(c)) this.depth++;
  }

  private complete(chunk: string, end: number): void {
    const capture = this.capture!;
    this.capture = null;
    const value: unknown = JSON.parse(finish(capture, chunk, end));
    if (capture.depth === 2) this.stories.push(value);
    else if (capture.key !== null) this.fields[capture.key] = value;
  }
}

/** A captured value's whole text, ending at `end` in the current chunk. */
function finish(capture: Capture, chunk: string, end: number): string {
  capture.pieces.push(chunk.slice(capture.from, end));
  return capture.pieces.join('');
}

/**
 * The backup in `stream` (a file's bytes, UTF-8) as JSON.parse would read it, without ever holding
 * its whole text. Throws NotJsonError where it is not JSON of a backup's shape.
 */
export async function readBackupStream(stream: ReadableStream<Uint8Array>): Promise<unknown> {
  const scanner = new BackupScanner();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      scanner.push(decoder.decode(value, { stream: true }));
    }
    scanner.push(decoder.decode());
    const fields = scanner.end();
    return scanner.sawStories ? { ...fields, stories: scanner.stories } : fields;
  } catch (e) {
    if (e instanceof NotJsonError) throw e;
    // JSON.parse of a piece, or bytes that are not UTF-8.
    throw new NotJsonError(e instanceof Error ? e.message : String(e));
  } finally {
    reader.releaseLock();
  }
}
