/**
 * `npm run -s inspect -- <page.html> --url <URL> [--no-content]`
 * `npm run -s inspect -- --jsonl a.html=URL b.html=URL ... [--no-content]`
 * `npm run -s inspect -- --sites`: the built-in site definitions, one entry per archive.
 *
 * Reads saved pages with the same code as the content script and prints PageReports as JSON.
 * Contract: ../shared/contracts/inspect.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeHtml } from '../src/core/decode-html';
import { readablePage, type FrameOpener } from '../src/core/page';
import { readFullPage } from '../src/reader/view';
import { siteCatalogue } from '../src/sites/catalogue';
import { corpusPages } from '../tests/lib/corpus';
import type { PageReport } from '../src/core/model';
import { nestingDepth } from './lib/depth';
import { looksLikeHtml, parseInertHtml } from './lib/html';

class UsageError extends Error {}

/** Deeper than any browser builds (Chromium stops at 512); jsdom's recursion slows quadratically, then overflows. */
const MAX_DEPTH = 1024;

interface Job {
  file: string;
  url: string;
}

function parseArgs(argv: string[]): { jobs: Job[]; jsonl: boolean; content: boolean } {
  let url: string | null = null;
  let jsonl = false;
  let content = true;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') {
      url = argv[++i] ?? null;
      if (!url) throw new UsageError('--url needs a value');
    } else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--jsonl') jsonl = true;
    else if (a === '--no-content') content = false;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length === 0) throw new UsageError('no page given');
  if (!jsonl) {
    if (positional.length > 1) throw new UsageError('one page at a time; use --jsonl for several');
    if (!url) throw new UsageError('missing --url');
    return { jobs: [{ file: positional[0]!, url }], jsonl, content };
  }
  const jobs = positional.map((p) => {
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) throw new UsageError(`expected FILE=URL, got ${p}`);
    return { file: p.slice(0, eq), url: p.slice(eq + 1) };
  });
  return { jobs, jsonl, content };
}

function load(job: Job): Document {
  let url: URL;
  try {
    url = new URL(job.url);
  } catch {
    throw new UsageError(`not a URL: ${job.url}`);
  }
  let bytes: Buffer;
  try {
    if (!statSync(job.file).isFile()) throw new Error();
    bytes = readFileSync(job.file);
  } catch {
    throw new UsageError(`cannot read ${job.file}`);
  }
  if (bytes.length === 0) throw new UsageError(`empty file: ${job.file}`);
  // A saved page carries no Content-Type header: its charset comes from a BOM, a <meta> or the bytes.
  const text = decodeHtml(bytes, null);
  if (!looksLikeHtml(text)) throw new UsageError(`not HTML: ${job.file}`);
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) throw new UsageError(`elements nested over ${MAX_DEPTH} deep: ${job.file}`);
  return parseInertHtml(text, url.href);
}

/**
 * A saved frameset cannot reach its frames' pages unless they were saved beside it: a frame whose
 * src is a relative path to a file that exists is read from there, any other frame is not.
 */
function besideFile(file: string): FrameOpener {
  return (frame, url) => {
    const src = (frame.getAttribute('src') ?? '').split(/[?#]/)[0]!;
    if (!src || /^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(src)) return null;
    let path: string;
    try {
      path = resolve(dirname(file), decodeURIComponent(src));
    } catch {
      return null;
    }
    if (!existsSync(path)) return null;
    try {
      return load({ file: path, url: url.href });
    } catch (e) {
      if (e instanceof UsageError) return null;
      throw e;
    }
  };
}

/** The job's report; a page that overflows the stack or that the reader gives up on is unreadable input. */
function inspectOne(job: Job, content: boolean): PageReport {
  try {
    const page = readablePage(load(job), job.url, besideFile(job.file));
    // The report names the page asked about; what it says comes from the frame holding the story.
    const report = { ...readFullPage(page.doc, page.url, { content }), url: new URL(job.url).href };
    if (!content) delete (report as Partial<PageReport>).content;
    return report;
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`too deeply nested to read (${e.message}): ${job.file}`);
    // The reader's own limits on size and time (src/reader/extract.ts), matched by name.
    if (e instanceof Error && e.name === 'ExtractionError') throw new UsageError(`${e.message} ${job.file}`);
    throw e;
  }
}

function main(): void {
  if (process.argv.slice(2).join(' ') === '--sites') {
    const pages = corpusPages().map((p) => ({ url: p.expected.url, site: p.expected.site }));
    process.stdout.write(JSON.stringify(siteCatalogue(pages), null, 2) + '\n');
    return;
  }
  try {
    const { jobs, jsonl, content } = parseArgs(process.argv.slice(2));
    // Read every input before printing anything, so bad input never leaves half a result.
    const reports = jobs.map((j) => inspectOne(j, content));
    for (const report of reports) process.stdout.write(JSON.stringify(report, null, jsonl ? undefined : 2) + '\n');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`inspect: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

main();
