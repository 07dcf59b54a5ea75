/**
 * `npm run -s inspect -- <page.html> --url <URL> [--no-content]`
 * `npm run -s inspect -- --jsonl a.html=URL b.html=URL ... [--no-content]`
 * `npm run -s inspect -- --sites`: the built-in site definitions, one entry per archive.
 *
 * Reads saved pages with the same code as the content script and prints PageReports as JSON.
 * Contract: ../shared/contracts/inspect.md.
 */
import { readFileSync, statSync } from 'node:fs';
import { readFullPage } from '../src/reader/view';
import { siteCatalogue } from '../src/sites/catalogue';
import { corpusPages } from '../tests/lib/corpus';
import { looksLikeHtml, parseHtml } from './lib/html';

class UsageError extends Error {}

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
  let text: string;
  try {
    if (!statSync(job.file).isFile()) throw new Error();
    text = readFileSync(job.file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${job.file}`);
  }
  if (!looksLikeHtml(text)) throw new UsageError(`not HTML: ${job.file}`);
  return parseHtml(text, url.href);
}

function main(): void {
  if (process.argv.slice(2).join(' ') === '--sites') {
    const pages = corpusPages().map((p) => ({ url: p.expected.url, site: p.expected.site }));
    process.stdout.write(JSON.stringify(siteCatalogue(pages), null, 2) + '\n');
    return;
  }
  try {
    const { jobs, jsonl, content } = parseArgs(process.argv.slice(2));
    // Load every input before printing anything, so bad input never leaves half a result.
    const docs = jobs.map((j) => ({ job: j, doc: load(j) }));
    for (const { job, doc } of docs) {
      const report = readFullPage(doc, job.url, { content });
      if (!content) delete (report as Partial<typeof report>).content;
      process.stdout.write(JSON.stringify(report, null, jsonl ? undefined : 2) + '\n');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`inspect: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

main();
