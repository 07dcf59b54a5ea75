/**
 * The content scripts' work: read the page, apply the rating gate, and tell the background what
 * the page is and what the gate decided. Each site's always-on script runs it with that site alone
 * (./site-gate.ts); the generic one the popup injects (src/entrypoints/detect.content.ts), with the
 * whole registry.
 *
 * On the archives it starts before the page is parsed: the story text is covered from the first
 * paint (src/warnings/ui/live-cover.ts), and once the page is parsed the gate lifts the cover, or keeps
 * it under the interstitial; on listings it folds the entries above the reader's limits. A copy
 * injected into a page already shown only reads and reports.
 */
import type { PageReport } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { reportWith, type AdapterPick } from '../../core/read-page';
import { send } from '../../core/ext/send';
import { DEFAULT_RATING_SETTINGS, mayGate, type Decision, type RatingSettings } from '../policy';
import { coversPage, needsEstimate, readBlurbs, textToEstimate, type ListedBlurb, type PageJudgement } from '../judge';
import type { Recalled } from '../../library/messages';
import { loadRatingSettings, watchRatingSettings } from './settings-storage';
import type { Cover } from '../ui/live-cover';
import type { GateMore } from './gate-more';
import type { FoldCount } from '../fold-count';
import { watchPageChanges } from '../ui/page-changes';

/** What a content script gates with. */
export interface GateKit {
  /**
   * The cover over the page's story text from before its first paint (ui/live-cover.ts), when the
   * script started `early` (at document_start); null where nothing covers it.
   */
  cover(early: boolean): Cover | null;
  /** The definition that reads a page. */
  pick: AdapterPick;
  /**
   * The decision on a page that may gate, with the estimate of `text` where the report needs one
   * (judge-text.ts#judgedText), wherever it is made: the background for a site's script.
   */
  judge(report: PageReport, text: string | null, settings: RatingSettings): Promise<PageJudgement>;
  /** The interstitial and the listing's fold, wherever they come from. */
  more(): Promise<GateMore>;
  /**
   * The document to read, where it may be another than the page (an old archive's frameset:
   * core/read-page.ts#readablePageBy); the page itself otherwise, as on every site's own hosts.
   */
  page?(pick: AdapterPick): { doc: Document; url: URL };
  /** Resolves once what `pick` reads with is loaded (the reader's site rules); awaited with the settings. */
  ready?: Promise<void>;
}

/** Reads and gates the page; the report goes back to whoever injected the script (the popup). */
export async function gatePage(kit: GateKit): Promise<PageReport> {
  const early = document.readyState === 'loading';
  const cover = kit.cover(early);
  // Asked for now, so storage answers while the page is still arriving.
  const loading = loadRatingSettings().catch(() => DEFAULT_RATING_SETTINGS);
  if (early) await parsed();
  const [settings] = await Promise.all([loading, kit.ready]);

  let judgement: PageJudgement;
  try {
    judgement = await judge(kit, settings);
  } catch (e) {
    // Whatever is covered stays covered until the reader chooses, and the popup hears why.
    const failed = unreadable();
    if (cover?.covering()) await showInterstitial(kit, failed, cover, false);
    tell(failed.report, failed.decision);
    throw e;
  }
  let { report, decision } = judgement;
  if (cover) {
    if (coversPage(judgement)) await showInterstitial(kit, judgement, cover, true);
    else {
      // A listing whose entries cannot be read still shows: a blank listing helps no one.
      // Entries the fold's script could not reach stay unfolded: a listing holds blurbs, not story text.
      if (report.kind === 'listing') await foldListing(kit, settings).catch(() => undefined);
      cover.lift();
      rereadOnChange(kit, cover, settings, (next) => ({ report, decision } = next));
    }
  }
  // The background keeps the report it judged (gate-judge's keep): sending it again costs the page a message.
  if (!judgement.kept) tell(report, decision);
  // The reader allowing the story from the popup, or changing the settings, lifts the gate and
  // updates the badge; a stricter setting waits for the next load rather than hide what is being read.
  // Copies the popup injects later only report: the first copy watches.
  if (early)
    watchRatingSettings((next) => {
      void decideAgain(kit, report, next, decision).then(({ decision: again, kept }) => {
        decision = again;
        if (!again.gate) liftGate?.();
        if (!kept) tell(report, again);
      });
    });
  return report;
}

/** A page nothing could gate: most pages, uncovered without asking the background. */
const NO_REASONS: Decision = Object.freeze({ gate: false, reasons: [] });

/**
 * The page's judgement. It is asked for only for a page that anything could gate
 * (policy.ts#mayGate), or whose text is estimated. Where it cannot be had, a rated page nothing
 * else could gate goes by its rating (never by an estimate it does not have), and any other stays
 * covered until the reader chooses.
 */
async function judge(kit: GateKit, settings: RatingSettings): Promise<PageJudgement> {
  const { doc, url } = kit.page?.(kit.pick) ?? { doc: document, url: new URL(location.href) };
  const adapter = kit.pick(doc, url);
  const report = reportWith(adapter, doc, url);
  const gates = mayGate(report, settings);
  if (!gates && !needsEstimate(report, settings)) return { report, decision: NO_REASONS };
  const text = textToEstimate(report, doc, url, adapter, settings);
  return kit.judge(report, text, settings).catch(() => ({ report, decision: gates ? UNDECIDED : NO_REASONS }));
}

/**
 * The gate's answer for a page it could not read, or could not judge because the background did
 * not answer: covered until the reader chooses.
 */
const UNDECIDED: Decision = Object.freeze<Decision>({
  gate: true,
  reasons: [
    {
      kind: 'unrated',
      text: 'Slipcase could not judge this page, so its text stays covered until you choose',
      short: 'not judged',
      why: [],
    },
  ],
});

/**
 * The decision on the judged report under new settings, and whether the background kept it; the
 * last decision stands while none can be had.
 */
async function decideAgain(
  kit: GateKit,
  report: PageReport,
  settings: RatingSettings,
  last: Decision,
): Promise<{ decision: Decision; kept: boolean }> {
  if (!mayGate(report, settings)) return { decision: NO_REASONS, kept: false };
  const judged = await kit.judge(report, null, settings).catch(() => null);
  return judged ? { decision: judged.decision, kept: judged.kept ?? false } : { decision: last, kept: false };
}

/**
 * A story put in by script after the page was read, or a new body: the cover goes back on before
 * the new text is painted, and the page is judged again once it is quiet (page-changes.ts bounds
 * how often). Over the reader's limits, the interstitial; otherwise the cover lifts.
 */
function rereadOnChange(kit: GateKit, cover: Cover, settings: RatingSettings, reported: (j: PageJudgement) => void): void {
  const reread = async () => {
    let judgement: PageJudgement;
    try {
      judgement = await judge(kit, settings);
    } catch (e) {
      stop();
      if (cover.covering()) await showInterstitial(kit, unreadable(), cover, false);
      throw e;
    }
    if (coversPage(judgement)) {
      stop();
      await showInterstitial(kit, judgement, cover, true);
    } else cover.lift();
    reported(judgement);
    if (!judgement.kept) tell(judgement.report, judgement.decision);
  };
  const stop = watchPageChanges(document, { arrived: () => cover.restore(), settled: () => void reread() });
}

/** Takes the interstitial and the cover away; set while the interstitial is up. */
let liftGate: (() => void) | null = null;

/**
 * Where the interstitial's script cannot be loaded, the text stays covered and the gate is still
 * up: the popup, which hears the decision, shows the story.
 */
async function showInterstitial(kit: GateKit, judgement: PageJudgement, cover: Cover, canAllow: boolean): Promise<void> {
  cover.pin();
  liftGate = () => {
    liftGate = null;
    cover.lift();
  };
  const parts = await kit.more().catch(() => null);
  if (!parts) return;
  const unmount = parts.showInterstitial(judgement, canAllow, () => liftGate?.());
  liftGate = () => {
    liftGate = null;
    unmount();
    cover.lift();
  };
}

/** What the listing's folds were, for every report the page sends after. */
let folds: FoldCount | undefined;

async function foldListing(kit: GateKit, settings: RatingSettings): Promise<void> {
  const url = new URL(location.href);
  const entries = readBlurbs(kit.pick(document, url), document, url);
  // Asked at once, so the answer comes while the entries fold.
  const marking = recallEntries(entries);
  // The decision, the fold and its count are loaded only when an entry may fold.
  if (!entries.some((e) => mayGate(e.report, settings, settings.foldUnrated))) folds = { works: entries.length, folded: 0, reasons: [] };
  else {
    const { judgeBlurb, foldEntry, countFolds } = await kit.more();
    const judged = entries.map((e) => judgeBlurb(e, settings));
    for (const entry of judged) {
      if (entry.decision.gate && entry.element instanceof HTMLElement) foldEntry(entry.element, entry.report, entry.decision);
    }
    folds = countFolds(judged.map((e) => e.decision));
  }
  // The marks go in before the cover lifts, so nothing moves under the reader's eyes.
  const marks = await marking;
  if (marks) (await kit.more()).markEntries(entries, marks);
}

/** What the reading memory knows of the listing's entries (src/library/memory/ui/marks.ts); null when nothing, or the marks are off. */
async function recallEntries(entries: readonly ListedBlurb[]): Promise<Recalled | null> {
  if (!entries.length) return null;
  const pages = entries.map(({ report: { url, site, title, author } }) => ({ url, site, title, author }));
  const known = await send({ type: 'memory-get', pages }).catch(() => null);
  return known && (known.memory.length || known.saved.length) ? known : null;
}

function tell(report: PageReport, decision: Decision): void {
  // No listener yet (a background still starting) is not this page's problem.
  send({ type: 'page-report', report, decision, ...(folds && { folds }) }).catch(() => undefined);
}

function parsed(): Promise<void> {
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/** The gate's answer for a page it could not read. */
function unreadable(): PageJudgement {
  return { report: { ...emptyInfo('story'), url: location.href, site: 'unknown', estimate: null, content: null }, decision: UNDECIDED };
}
