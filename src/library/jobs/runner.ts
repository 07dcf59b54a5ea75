/**
 * The save-job runner: fetches what a job needs, one request at a time across all jobs
 * (polite-clock.ts), reads each page (read-page.ts), and saves the story (job-save.ts). Pure core:
 * the shell passes in the database, a window (DOMParser, the sanitiser), fetch, the clock and a
 * listener, so it runs in Chrome's offscreen document, Firefox's background page and the tests alike.
 * Every step is stored before the next begins (jobs.ts): a runner started after a restart carries on.
 *
 * Jobs:
 * - story:   the work behind a page: the live page's chapters, and the rest fetched as the site
 *            allows (whole-work view, chapter list, next links, threadmark runs; fetch-plan.ts);
 * - chapter: the live page's chapter, merged into the saved story by its number (merge-chapters.ts);
 * - update:  a saved work's page fetched, and only the chapters the library lacks (updates.ts);
 * - batch:   the works a series or creator's page lists, a story job each, in order (batch.ts).
 */
import { isUnfinished, type JobScope, type JobView, type StoryMeta, type StoryRecord } from '../types';
import type { PageCopy } from './page-copy';
import { decodeHtml } from '../../core/decode-html';
import { copyOf, fillLateText, parsePage, readPage } from './read-page';
import type { LibraryDb } from '../db/db';
import { LibraryQuotaError } from '../db/db';
import {
  addJob,
  allJobs,
  finishJob,
  heldSlots,
  heldPage,
  jobView,
  progress,
  storyJobPlan,
  updateJob,
  wholeViewFallback,
  JobGone,
  type JobPage,
  type JobPlan,
  type JobRecord,
  type NewJob,
} from './jobs';
import { storiesToCheck, updatePlan } from './updates';
import { planStory } from './fetch-plan';
import { PoliteClock, afterFailure, asksToSlowDown, type Retry } from './polite-clock';
import { nextFetch, passGate, walkOn } from './job-pages';
import { JobFailure, hostOf, nothingDone } from './job-words';
import { saveJobStory, savedChapters, storyIdFor } from './job-save';
import type { RunKind } from '../../sites/types';
import { DEFAULT_SAVE_SETTINGS } from '../save-settings';
import { batchChild, newBatch, stepBatch, waitsOnChild, type BatchDeps, type BatchRequest } from './batch';

/** The part of a fetch Response the runner reads. */
export interface FetchResponse {
  status: number;
  /** The address after redirects; empty when unknown. */
  url: string;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface RunnerDeps {
  db: LibraryDb;
  /** For DOMParser and the sanitiser. */
  win: Window & typeof globalThis;
  fetch(url: string, signal: AbortSignal): Promise<FetchResponse>;
  now(): number;
  /** Resolves after `ms`, or rejects (or resolves) early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Every job (newest first) whenever one changes, with the stories a save changed. */
  onChange(jobs: JobView[], changedStoryIds: string[]): void;
  /** The clock, when others fetch through it too (list-import.ts): one request at a time across all. */
  clock?: PoliteClock;
}

type Fetched = { page: PageCopy; doc: Document; url: string };
export class Runner {
  private readonly clock: PoliteClock;
  private loop: Promise<void> | null = null;
  /** Set by every kick: the loop looks again before it stops. */
  private again = false;
  /** Aborted to end the loop's idle wait when something changes. */
  private wake = new AbortController();
  private current: { id: string; abort: AbortController } | null = null;

  private readonly batch: BatchDeps;
  constructor(private readonly deps: RunnerDeps) {
    this.clock = deps.clock ?? new PoliteClock(deps.now, deps.sleep);
    this.batch = { ...deps, request: (url, signal) => this.clock.request(signal, () => deps.fetch(url, signal)) };
  }

  /**
   * A job for the page the reader has open, from its HTML: its chapter ('chapter'), or the whole
   * work ('story'). Whether an adult gate may be passed is the shell's call, from the settings.
   */
  async enqueuePage(
    snapshot: { url: string; html: string },
    scope: 'chapter' | 'story',
    followAdultGate: boolean,
    runs: RunKind[] = DEFAULT_SAVE_SETTINGS.runs,
  ): Promise<string> {
    let page: PageCopy | null = null;
    let start: Partial<JobRecord> | null = null;
    let failure: string | null = null;
    try {
      const read = readPage(this.deps.win, snapshot.html, snapshot.url, scope);
      page = read.page;
      // The open page is an adult gate: the page past it is fetched, when the settings allow.
      const through = passGate({ scope, followAdultGate, detour: null }, { ...read, url: snapshot.url });
      start =
        through !== null
          ? { plan: { kind: 'root', url: snapshot.url }, detour: through }
          : await this.adopt({ scope, storyId: null, runs }, read.page, read.doc, snapshot.url);
    } catch (e) {
      if (!(e instanceof JobFailure)) throw e;
      failure = e.message;
    }
    const job = this.newJob(scope, snapshot.url, page?.report.title ?? snapshot.url, followAdultGate, { kind: 'complete' }, runs);
    const storyId = start?.storyId ?? (page && storyIdFor(page.report, snapshot.url));
    const added = await addJob(this.deps.db, { ...job, ...start, storyId }, this.deps.now());
    if (failure !== null) await finishJob(this.deps.db, added.id, { state: 'failed', message: failure, outcome: null }, this.deps.now());
    await this.changed([]);
    this.kick();
    return added.id;
  }

  /** A job for a work known by its address only (one synced from another browser): all fetched. */
  async enqueueUrl(url: string, title: string, followAdultGate: boolean, runs: RunKind[] = DEFAULT_SAVE_SETTINGS.runs): Promise<string> {
    const job = await addJob(this.deps.db, this.newJob('story', url, title, followAdultGate, { kind: 'root', url }, runs), this.deps.now());
    await this.changed([]);
    this.kick();
    return job.id;
  }

  /** A batch of the works the list page the reader has open names (all, or `onlyNew`: those the library lacks). */
  async enqueueBatch({ snapshot, site, onlyNew, followAdultGate, runs }: BatchRequest): Promise<string> {
    const { title, plan } = await newBatch(this.deps, snapshot, site, onlyNew);
    const job = { ...this.newJob('batch', snapshot.url, title, followAdultGate, plan, runs), ...progress(plan, 0, null) };
    const added = await addJob(this.deps.db, job, this.deps.now());
    await this.changed([]);
    this.kick();
    return added.id;
  }

  /**
   * Update checks for these saved stories, or every saved work in progress. A story with a check
   * under way gets no second one: its job's id is returned instead.
   */
  async enqueueUpdates(
    storyIds: string[] | null,
    followAdultGate: (meta: StoryMeta, story: StoryRecord) => boolean,
    runs: RunKind[] = DEFAULT_SAVE_SETTINGS.runs,
  ): Promise<string[]> {
    const stories = await storiesToCheck(this.deps.db, storyIds);
    const open = (await allJobs(this.deps.db)).filter((j) => j.scope === 'update' && isUnfinished(j));
    const ids: string[] = [];
    for (const s of stories) {
      const running = open.find((j) => j.storyId === s.id);
      const job =
        running ??
        (await addJob(
          this.deps.db,
          { ...this.newJob('update', s.url, s.meta.title, followAdultGate(s.meta, s), { kind: 'root', url: s.url }, runs), storyId: s.id },
          this.deps.now(),
        ));
      ids.push(job.id);
    }
    await this.changed([]);
    this.kick();
    return ids;
  }

  /** Stops a job: between requests, or aborting the one in flight. Its fetched pages go. */
  async cancel(jobId: string): Promise<void> {
    const child = await batchChild(this.deps.db, jobId);
    const stopped = await finishJob(this.deps.db, jobId, { state: 'cancelled', message: null, outcome: null }, this.deps.now());
    // After the batch, so that it does not go on to its next work.
    if (child) await this.cancel(child);
    if (this.current?.id === jobId) this.current.abort.abort(new JobGone(jobId));
    if (stopped) {
      await this.changed([]);
      this.kick();
    }
  }

  /** Every job the library keeps, newest first. */
  async jobs(): Promise<JobView[]> {
    return (await allJobs(this.deps.db)).reverse().map(jobView);
  }

  /** Picks up unfinished jobs (after a restart) and runs the queue until it is empty. */
  resume(): Promise<void> {
    this.kick();
    return this.loop ?? Promise.resolve();
  }

  // ---- the loop ----

  private kick(): void {
    this.again = true;
    this.wake.abort();
    this.wake = new AbortController();
    if (this.loop) return;
    this.loop = this.run().finally(() => {
      this.loop = null;
      // A job added as the loop was stopping.
      if (this.again) this.kick();
    });
    // resume() hands this promise out; a caller that did not ask must not see an unhandled rejection.
    this.loop.catch(() => {});
  }

  /** Oldest job first, one step (one request, or the save) at a time; a job told to wait lets the others go. */
  private async run(): Promise<void> {
    for (;;) {
      this.again = false;
      const unfinished = (await allJobs(this.deps.db)).filter(isUnfinished);
      // A batch waiting for its work's story job is not due until that job ends.
      const open = unfinished.filter((j) => !waitsOnChild(j, unfinished));
      if (!open.length) {
        if (this.again) continue;
        return;
      }
      const now = this.deps.now();
      const ready = open.find((j) => j.notBefore <= now);
      if (ready) await this.attempt(ready);
      else await this.idle(Math.min(...open.map((j) => j.notBefore)) - now);
    }
  }

  private async idle(ms: number): Promise<void> {
    try {
      await this.deps.sleep(ms, this.wake.signal);
    } catch {
      // Woken early: something changed.
    }
  }

  private async attempt(job: JobRecord): Promise<void> {
    try {
      await this.step(job);
    } catch (e) {
      // Cancelled meanwhile: the job is finished already and finishJob leaves it so.
      if (e instanceof JobGone) return;
      const message =
        e instanceof JobFailure || e instanceof LibraryQuotaError
          ? e.message
          : `Slipcase could not save this: ${e instanceof Error ? e.message : String(e)}`;
      if (await finishJob(this.deps.db, job.id, { state: 'failed', message, outcome: null }, this.deps.now())) await this.changed([]);
    }
  }

  /** One request for the job, or, with nothing left to fetch, its save. */
  private async step(job: JobRecord): Promise<void> {
    if (job.state !== 'running') {
      job = await this.change(job.id, (j) => ({ ...j, state: 'running', message: null }));
      await this.changed([]);
    }
    if (job.plan.kind === 'batch') return this.changed(await stepBatch(this.batch, job, job.plan));
    const target = await nextFetch(this.deps.db, job);
    if (!target) return this.finish(job);

    const abort = new AbortController();
    this.current = { id: job.id, abort };
    let got: Fetched | Retry;
    try {
      got = await this.fetchPage(job, job.detour ?? target.url, abort.signal);
    } catch (e) {
      if (e instanceof JobFailure && (await this.leaveWholeView(job))) return;
      throw e;
    } finally {
      this.current = null;
    }
    if (!('page' in got)) {
      if (!got.retry) {
        if (await this.leaveWholeView(job)) return;
        throw new JobFailure(got.message);
      }
      const { delayMs, message } = got;
      await this.change(job.id, (j) => ({
        ...j,
        state: 'waiting',
        attempts: j.attempts + 1,
        notBefore: this.deps.now() + delayMs,
        message,
      }));
      return this.changed([]);
    }
    const gate = passGate(job, got);
    if (gate !== null) {
      await this.change(job.id, (j) => ({ ...j, detour: gate, attempts: 0 }));
      return;
    }
    if (target.slot === 'root') {
      const start = await this.adopt(job, got.page, got.doc, got.url);
      await this.change(job.id, (j) => ({ ...j, ...start, detour: null, attempts: 0 }));
    } else if (!(await this.leaveWholeView(job, got.page))) {
      await this.keepPage(job, target.slot, target.url, got);
    }
    await this.changed([]);
  }

  /** Turns a job whose whole-work view failed or fell short to its chapters one by one (wholeViewFallback); false when it cannot. */
  private async leaveWholeView(job: JobRecord, got?: PageCopy): Promise<boolean> {
    const plan = wholeViewFallback(job.plan, job.root, got);
    if (plan) await this.change(job.id, (j) => ({ ...j, plan, detour: null, attempts: 0, ...progress(plan, 0, j.root) }));
    return plan !== null;
  }

  // ---- fetching ----

  /** One page through the polite clock: read, or what to do about a busy or unreachable site. */
  private async fetchPage(job: JobRecord, url: string, signal: AbortSignal): Promise<Fetched | Retry> {
    const retry = (failure: Parameters<typeof afterFailure>[0]) => afterFailure(failure, job.attempts + 1, this.deps.now());
    const failed = (e: unknown, at: string) => {
      if (signal.aborted) throw e;
      return retry({ url: at, status: null, retryAfter: null, error: e instanceof Error ? e.message : String(e) });
    };
    let response: FetchResponse;
    let html: string;
    try {
      response = await this.clock.request(signal, () => this.deps.fetch(url, signal));
      if (asksToSlowDown(response.status)) return retry({ url, status: response.status, retryAfter: response.headers.get('retry-after') });
      html = decodeHtml(await response.arrayBuffer(), response.headers.get('content-type'));
    } catch (e) {
      return failed(e, url);
    }
    if (response.status >= 400) throw new JobFailure(`${hostOf(url)} answered ${response.status} for ${url}, ${nothingDone(job.scope)}`);
    const at = response.url || url;
    const doc = parsePage(this.deps.win, html, at, job.scope);
    try {
      await fillLateText(this.deps.win, doc, at, (late) => this.clock.request(signal, () => this.deps.fetch(late, signal)));
    } catch (e) {
      return failed(e, url);
    }
    return { ...copyOf(doc, at, job.scope), url: at };
  }

  /**
   * The job's start from its root page (the live page, or the first fetched; never a gate, see
   * passGate): the plan of what to fetch. Fails on an error page, or one without story text or
   * (for a story) a chapter list.
   */
  private async adopt(
    job: Pick<NewJob, 'scope' | 'storyId' | 'runs'>,
    page: PageCopy,
    doc: Document,
    url: string,
  ): Promise<Partial<JobRecord>> {
    const { kind } = page.report;
    const host = hostOf(url);
    if (kind === 'error') throw new JobFailure(`${host} says there is no such work at ${url}, ${nothingDone(job.scope)}`);
    if (!page.chapters.length && (job.scope === 'chapter' || kind !== 'index'))
      throw new JobFailure(`There is no story text on ${url} to save.`);
    const root = heldPage(page, url);
    const storyId = job.storyId ?? storyIdFor(page.report, url);
    let plan: JobPlan;
    if (job.scope === 'chapter') plan = { kind: 'complete' };
    else if (job.scope === 'story') plan = storyJobPlan(planStory(page, doc, url, job.runs), root);
    else plan = updatePlan(planStory(page, doc, url, job.runs), root, await savedChapters(this.deps.db, storyId!));
    return { root, plan, storyId, ...progress(plan, 0, root) };
  }

  /** Stores a fetched page in its slot, with the job's next step, in one transaction. */
  private async keepPage(job: JobRecord, slot: number, asked: string, got: Fetched): Promise<void> {
    const { page, url } = got;
    if (page.report.kind === 'error') throw new JobFailure(`${hostOf(url)} answered ${url} with an error page, ${nothingDone(job.scope)}`);
    if (!page.chapters.length) throw new JobFailure(`There is no story text on ${url}, ${nothingDone(job.scope)}`);
    const record: JobPage = { ...heldPage(page, url), jobId: job.id, n: slot };
    const held = (await heldSlots(this.deps.db, job.id)).add(slot).size;
    await updateJob(
      this.deps.db,
      job.id,
      (j) => {
        const plan = j.plan.kind === 'walk' ? walkOn(j.plan, [asked, url], page.nav.next, page.chapters.length) : j.plan;
        return { ...j, plan, detour: null, attempts: 0, ...progress(plan, held, j.root), updatedAt: this.deps.now() };
      },
      (tx) => tx.objectStore('jobPages').put(record),
    );
  }

  // ---- saving ----

  private async finish(job: JobRecord): Promise<void> {
    const { result, message } = await saveJobStory(this.deps, job);
    const end = { state: 'done' as const, outcome: result.outcome, message, storyId: result.id };
    // Told even when a cancel came during the save: the story changed all the same.
    await finishJob(this.deps.db, job.id, end, this.deps.now());
    await this.changed(result.outcome === 'unchanged' ? [] : [result.id]);
  }

  // ---- helpers ----

  private newJob(scope: JobScope, url: string, title: string, followAdultGate: boolean, plan: JobPlan, runs: RunKind[]): NewJob {
    return { id: crypto.randomUUID(), scope, url, title, storyId: null, followAdultGate, root: null, plan, runs };
  }

  private change(id: string, f: (job: JobRecord) => JobRecord): Promise<JobRecord> {
    return updateJob(this.deps.db, id, (j) => ({ ...f(j), updatedAt: this.deps.now() }));
  }

  private async changed(storyIds: string[]): Promise<void> {
    this.deps.onChange(await this.jobs(), storyIds);
  }
}
