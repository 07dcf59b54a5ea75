// @vitest-environment jsdom
/**
 * The gate on a live page when the background neither judges it nor injects the gate's lazy parts
 * (the interstitial), as when it fails: the text stays covered, the popup still hears the decision,
 * and the reader's choice there shows the story once the background answers again. A page nothing
 * could gate asks for neither.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { gatePage, type GateKit } from '../ext/page-gate';
import { coverEarly } from '../ui/live-cover';
import { allow } from '../ext/settings-storage';
import { emptyInfo, type RatingLevel } from '../../core/model';
import { definePages, defineSite } from '../../sites/kit/define-site';
import { until } from '../../../tests/lib/wait';
import { judgedText } from '../judge-text';
import { judgeInBackground } from '../ext/gate-judge';
import { DEFAULT_RATING_SETTINGS } from '../policy';

/** A one-page story rated `level`: an unrated one needs the estimator, an explicit one the interstitial. */
function siteRated(level: RatingLevel) {
  return defineSite(
    definePages({
      id: 'testsite',
      name: 'Test site',
      domains: ['localhost'],
      storyBody: ['#story'],
      read: () => ({ ...emptyInfo('story'), title: 'Lanterns', author: 'Wren', rating: { level, label: null, source: 'site' } }),
    }),
    { nav: () => ({ prev: null, next: null, chapters: [] }) },
  );
}

/** Whether the background answers: it judges as it would (judge-text.ts), or fails. */
let backgroundUp = false;

const unloadable = (level: RatingLevel): GateKit => ({
  cover: (early) => (early ? coverEarly(document, ['#story']) : null),
  pick: () => siteRated(level),
  judge: (report, text, settings) =>
    backgroundUp ? Promise.resolve(judgedText(report, text, settings)) : Promise.reject(new Error('no background')),
  more: () => Promise.reject(new Error('no gate-more script')),
});

let reports: { report: { kind: string }; decision: { gate: boolean } }[] = [];
/** Every message's type, in the order sent. */
let sent: string[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  backgroundUp = false;
  reports = [];
  sent = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type: string };
    sent.push(m.type);
    if (m.type === 'page-report') reports.push(message as (typeof reports)[number]);
  });
  document.body.innerHTML = '<h1>Lanterns</h1><div id="story"><p>The lanterns were lit at dusk.</p></div>';
});

afterEach(() => {
  Reflect.deleteProperty(document, 'readyState');
  // A gate that let its page through watches that page's tree for late text: the next test gets a new tree.
  const html = document.createElement('html');
  html.append(document.createElement('head'), document.createElement('body'));
  document.replaceChild(html, document.documentElement);
});

/** Runs the gate as the always-on script does: from before the page is parsed. */
async function gateFromDocumentStart(kit: GateKit) {
  Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
  const gated = gatePage(kit);
  Reflect.deleteProperty(document, 'readyState');
  document.dispatchEvent(new Event('DOMContentLoaded'));
  return gated;
}

const story = () => document.querySelector<HTMLElement>('#story')!;

describe('the gate without the background', () => {
  it('lets a rated story within the limit through on its rating, never asking for the rest', async () => {
    let asked = 0;
    const fails = () => (asked++, Promise.reject(new Error('no background')));
    const kit: GateKit = { ...unloadable('teen'), judge: fails, more: fails };
    // checkRated off: nothing on a Teen page could gate under a Mature limit.
    await fakeBrowser.storage.sync.set({ 'rating-settings': { checkRated: false } });
    const report = await gateFromDocumentStart(kit);

    expect(report.rating.level).toBe('teen');
    expect(story().style.getPropertyValue('visibility')).not.toBe('hidden');
    expect(document.querySelector('style[data-slipcase="cover"]')).toBeNull();
    await until(() => reports.length > 0, 'the page report');
    expect(reports[0]!.decision).toEqual({ gate: false, reasons: [] });
    expect(asked).toBe(0);
  });

  it('goes by the rating when the estimate of a rated story cannot be loaded', async () => {
    const report = await gateFromDocumentStart(unloadable('teen'));

    expect(report.estimate).toBeNull();
    expect(document.querySelector('style[data-slipcase="cover"]')).toBeNull();
    await until(() => reports.length > 0, 'the page report');
    expect(reports[0]!.decision.gate).toBe(false);
  });

  it.each<RatingLevel>(['unknown', 'explicit'])(
    'keeps a %s story covered, tells the popup, and shows it once the reader allows it and the background is back',
    async (level) => {
      const report = await gateFromDocumentStart(unloadable(level));

      expect(report.rating.level).toBe(level);
      expect(story().style.getPropertyValue('visibility')).toBe('hidden');
      await until(() => reports.length > 0, 'the page report');
      expect(reports[0]!.report.kind).toBe('story');
      expect(reports[0]!.decision.gate).toBe(true);

      backgroundUp = true;
      await allow({ url: location.href, site: 'testsite', title: 'Lanterns', author: 'Wren' }, 'stories');
      await until(() => story().style.getPropertyValue('visibility') !== 'hidden', 'the cover to lift');
      expect(document.querySelector('style[data-slipcase="cover"]')).toBeNull();
    },
  );
});

describe('the page report', () => {
  /** Messages arrive in order: once this one is in, any the gate sent before it are too. */
  async function settled() {
    await fakeBrowser.runtime.sendMessage({ type: 'marker' });
    await until(() => sent.includes('marker'), 'the marker message');
    return sent.filter((t) => t !== 'marker');
  }

  it.each([
    [true, []],
    [false, ['page-report']],
  ])('when the background kept the judged report (%s), the gate sends %j after it', async (kept, after) => {
    const kit: GateKit = { ...unloadable('explicit'), judge: (r, t, s) => Promise.resolve({ ...judgedText(r, t, s), kept }) };
    const report = await gateFromDocumentStart(kit);

    expect(report.rating.level).toBe('explicit');
    expect(story().style.getPropertyValue('visibility')).toBe('hidden');
    expect(await settled()).toEqual(after);
  });

  it.each([
    [true, []],
    [false, ['page-report', 'page-report']],
  ])('when the background kept (%s) the judgements, on load and under new settings, the gate sends %j', async (kept, after) => {
    const kit: GateKit = { ...unloadable('explicit'), judge: (r, t, s) => Promise.resolve({ ...judgedText(r, t, s), kept }) };
    await gateFromDocumentStart(kit);
    await allow({ url: location.href, site: 'testsite', title: 'Lanterns', author: 'Wren' }, 'stories');
    await until(() => story().style.getPropertyValue('visibility') !== 'hidden', 'the cover to lift');

    expect(await settled()).toEqual(after);
  });

  it.each([
    ['story', true],
    ['chapter', true],
    ['listing', false],
  ] as const)("asks the background to keep a %s page's report: %s", async (kind, keep) => {
    const asked: { keep: boolean }[] = [];
    // The background alone listens: the first listener's answer is the reply.
    fakeBrowser.reset();
    fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, answer: (reply: unknown) => void) => {
      const m = message as { type: string; keep: boolean; report: Parameters<typeof judgedText>[0] };
      if (m.type !== 'gate-judge') return false;
      asked.push(m);
      answer(judgedText(m.report, null, DEFAULT_RATING_SETTINGS));
      return true;
    });
    const report = { ...emptyInfo(kind), url: location.href, site: 'testsite', estimate: null, content: null };
    const judged = await judgeInBackground(report, null, DEFAULT_RATING_SETTINGS);

    expect(asked.map((m) => m.keep)).toEqual([keep]);
    expect(judged.kept).toBe(keep);
  });
});
