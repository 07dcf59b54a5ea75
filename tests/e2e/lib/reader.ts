/**
 * The reader view as the end-to-end specs see it: the corpus pages they open, what the reader
 * shows (read from its closed shadow root, ./closed-shadow.ts), and opening it as a person would, from the popup.
 */
import { DEFAULT_RATING_SETTINGS, siteKey } from '../../../src/warnings/policy';
import { storedItems } from '../../../src/warnings/settings';
import { readerFiles } from '../../../src/reader/ext/open-reader';
import type { Expected } from '../../lib/corpus';
import { until } from '../../lib/wait';
import type { BrowserDriver, PageHandle } from './driver';
import { resetStorage } from './launch';
import { allPages, pageAt } from './pages';

/**
 * These tests are about the reader, so the content-warning gate (tests/e2e/gate.e2e.test.ts, which
 * also checks that it guards the reader) lets every fixture site through: under the default
 * settings the unrated seed, and the unrated anonymised pages too short to estimate, are covered.
 */
export const ALLOW_FIXTURE_SITES = storedItems({
  ...DEFAULT_RATING_SETTINGS,
  exceptions: { ...DEFAULT_RATING_SETTINGS.exceptions, sites: [...new Set(allPages().map((p) => siteKey({ url: p.url })))] },
});

/** The reader's host element, the page's only trace of it: its shadow root is closed. */
export const READER_TAG = 'slipcase-reader';

/** Story text as the corpus states it: extra fields the reader may keep are left out of the comparison. */
interface StoryTruth {
  first: string;
  last: string;
  optionalLead?: string[];
  optionalTail?: string[];
  interior?: string[];
}

export function expectedFor(url: string): Expected & { storyText: StoryTruth; mustNotContain?: string[] } {
  const e = pageAt(url);
  if (!e.storyText) throw new Error(`no story text ground truth for ${url}`);
  return e as Expected & { storyText: StoryTruth };
}

const AO3_1 = 'https://archiveofourown.org/works/17793689';
export const AO3_2 = 'https://archiveofourown.org/works/17793689/chapters/42035519';
export const RR_1 = 'https://www.royalroad.com/fiction/555/great-story/chapter/771/chapter-one';
export const RR_2 = 'https://www.royalroad.com/fiction/555/great-story/chapter/772/chapter-two';
const XF_1 = 'https://forums.spacebattles.com/threads/my-great-story.555/reader/';
const XF_2 = 'https://forums.spacebattles.com/threads/my-great-story.555/reader/page-2';
export const AAS = 'http://www.allaboutspike.com/fic.html?id=562';

/** The sites the issue names: AO3 chapter, FFN, eFiction chapter, the All About Spike seed, Royal Road, XenForo. */
export const CASES = [
  AO3_1,
  'https://www.fanfiction.net/s/555/1/My-Great-Story',
  'https://spikeluver.com/SpuffyRealm/viewstory.php?sid=3117&chapter=2',
  AAS,
  RR_1,
  XF_1,
];
/** Pairs of chapters the corpus holds both of, the second reached by the first's "next". */
export const CHAPTER_PAIRS = [
  [AO3_1, AO3_2],
  [RR_1, RR_2],
  [XF_1, XF_2],
] as const;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The reader's text with the parts a reader view may keep or drop removed. */
export function comparable(text: string, truth: StoryTruth): string {
  let t = squash(text);
  for (const extra of [...(truth.interior ?? []), ...(truth.optionalLead ?? []), ...(truth.optionalTail ?? [])])
    t = t.split(squash(extra)).join(' ');
  return squash(t);
}

export interface ReaderState {
  title: string | null;
  author: string | null;
  chapter: string | null;
  facts: string | null;
  rating: string | null;
  story: string;
  theme: string | null;
  font: string | null;
  fontSize: string;
  fontFamily: string;
  busy: boolean;
  scrollTop: number;
  focusInReader: boolean;
  bodyInert: boolean;
  /** The reader is what shows at every probed point of the window: nothing of the page is visible. */
  coversPage: boolean;
  url: string;
}

/** Runs in Slipcase's isolated world, on the reader's closed root: what the reader shows, or null while it has not drawn. */
function readerState(root: ShadowRoot): ReaderState | null {
  const host = root.host;
  const dialog = root.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog) return null;
  const text = (sel: string) => root.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  const story = root.querySelector<HTMLElement>('.story');
  const probes: [number, number][] = [
    [1, 1],
    [innerWidth / 2, innerHeight / 2],
    [innerWidth - 1, innerHeight - 1],
    [1, innerHeight - 1],
  ];
  return {
    title: text('.story-head .title'),
    author: text('.story-head .author'),
    chapter: text('.story-head .chapter-title'),
    facts: text('.story-head .facts'),
    rating: text('.story-head .rating-text'),
    story: story?.innerText ?? '',
    theme: root.querySelector('.root')?.getAttribute('data-theme') ?? null,
    font: root.querySelector('.root')?.getAttribute('data-font') ?? null,
    fontSize: story ? getComputedStyle(story).fontSize : '',
    fontFamily: story ? getComputedStyle(story).fontFamily : '',
    // A chapter loading, or a long story's text still being added.
    busy: dialog.getAttribute('aria-busy') === 'true' || story?.getAttribute('aria-busy') === 'true',
    scrollTop: dialog.scrollTop,
    focusInReader: document.activeElement === host && root.activeElement !== null,
    bodyInert: document.body.inert,
    coversPage: probes.every(([x, y]) => document.elementFromPoint(x, y) === host),
    url: location.href,
  };
}

/** What the reader shows, or null when it is closed. */
export const stateOf = (page: PageHandle) => page.shadow(READER_TAG, readerState, undefined);
export const openState = (page: PageHandle, what = 'the reader') =>
  until(async () => {
    const s = await stateOf(page);
    return s && !s.busy && s.story ? s : null;
  }, what);
export const closedState = (page: PageHandle) => until(async () => ((await stateOf(page)) === null ? true : null), 'the reader to close');

/** The popup's Read button, as a reader would press it. The popup closes itself once the reader is open. */
export async function readFromPopup(driver: BrowserDriver, tabId: number): Promise<void> {
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.click('.read-button');
  await popup.close().catch(() => undefined);
}

/**
 * Runs the reader's scripts in tab `tabId` as the popup's Read button does (the files
 * src/reader/ext/open-reader.ts#readerFiles names for the tab's address): 'opened', or
 * 'not-allowed' where the browser refuses (a site Slipcase has no permission for, before the
 * toolbar button grants activeTab). The popup that button opens is out of a test's reach.
 */
export async function injectReader(driver: BrowserDriver, tabId: number): Promise<string> {
  const url = await driver.evalInExtension(async (tab: number) => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    return (await (g.browser ?? g.chrome).tabs.get(tab)).url ?? null;
  }, tabId);
  return driver.evalInExtension(
    async ({ tab, files }: { tab: number; files: string[] }) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      try {
        const [r] = await (g.browser ?? g.chrome).scripting.executeScript({ target: { tabId: tab }, files });
        return String(r?.result);
      } catch {
        return 'not-allowed';
      }
    },
    { tab: tabId, files: readerFiles(url ?? undefined) },
  );
}

/** Only the content-warning exceptions: reader settings and reading positions at their defaults. */
export const resetReader = (driver: BrowserDriver) => resetStorage(driver, ALLOW_FIXTURE_SITES, { local: true });

/** Opens `url` in a new tab and the reader on it from the popup; resolves once the story shows. */
export async function openReader(
  driver: BrowserDriver,
  url: string,
): Promise<{ page: PageHandle; state: ReaderState; exp: ReturnType<typeof expectedFor> }> {
  const exp = expectedFor(url);
  const { tabId, page } = await driver.openPage(url);
  await readFromPopup(driver, tabId);
  return { page, state: await openState(page), exp };
}
