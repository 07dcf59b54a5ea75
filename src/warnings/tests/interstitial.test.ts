// @vitest-environment jsdom
/**
 * The gate's page UI in jsdom: the cover over the story text, the interstitial and its choices,
 * folded listing entries, and the badge with the decision.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { DEFAULT_RATING_SETTINGS, type Decision } from '../policy';
import { judgeBlurbs, judgePage } from '../judge-page';
import { coverSelectors } from '../early-cover';
import { SITES } from '../../sites/registry';
import { gatedBadge } from '../decision-badge';
import { coverEarly } from '../ui/live-cover';
import { INTERSTITIAL_TAG, buildInterstitial, mountInterstitial } from '../ui/interstitial';
import { FOLD_TAG, foldEntry } from '../ui/fold';
import { corpusPages } from '../../../tests/lib/corpus';
import { until } from '../../../tests/lib/wait';
import { personClick, settle } from '../../../tests/lib/ui';
import { recordShadowRoots, shadowOf } from '../../../tests/lib/shadow-roots';

function page(name: string) {
  const p = corpusPages().find((c) => c.name === name)!;
  const dom = new JSDOM(readFileSync(p.htmlPath, 'utf8'), { url: p.expected.url });
  recordShadowRoots(dom.window);
  return { doc: dom.window.document, win: dom.window, url: p.expected.url };
}

const EXPLICIT = 'ao3/pages/ao3js-works-23824891.html';

describe('the cover', () => {
  it('hides the story text while it stands, pinned on the elements, and gives the page back as it was', () => {
    const { doc, win, url } = page(EXPLICIT);
    const skin = doc.querySelector<HTMLElement>('#workskin')!;
    skin.style.setProperty('opacity', '0.9');
    const before = doc.documentElement.outerHTML;
    const cover = coverEarly(doc, coverSelectors(new URL(url), SITES));
    expect(cover.covering()).toBe(true);
    expect(win.getComputedStyle(doc.querySelector('#chapters p')!).visibility).toBe('hidden');
    cover.pin();
    // Pinned: the site dropping the style does not show the text.
    doc.querySelector('style[data-slipcase="cover"]')!.remove();
    expect(win.getComputedStyle(skin).visibility).toBe('hidden');
    expect(skin.style.getPropertyPriority('opacity')).toBe('important');
    cover.lift();
    expect(win.getComputedStyle(doc.querySelector('#chapters p')!).visibility).toBe('visible');
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('covers nothing on a page without the selectors', () => {
    const { doc } = page('ao3/pages/ao3js-works-41237499-404.html');
    expect(coverEarly(doc, ['#workskin']).covering()).toBe(false);
  });
});

describe('the interstitial', () => {
  let log: string[];
  beforeEach(() => (log = []));

  function build(name = EXPLICIT, allowStory: (() => Promise<void>) | null = async () => void log.push('allow')) {
    const { doc, url } = page(name);
    const judgement = judgePage(doc, url, DEFAULT_RATING_SETTINGS);
    const host = buildInterstitial(doc, judgement.report, judgement.decision, {
      show: () => log.push('show'),
      allowStory,
      back: () => log.push('back'),
    });
    return { doc, host, root: shadowOf(host) };
  }

  it('names the work, its rating in the site’s words, and why it is covered', () => {
    const { root } = build('efiction/pages/viewstory-sid3117-chapter2.html');
    expect(root.querySelector('h1')!.textContent).toBe('This story is covered');
    expect(root.querySelector('.rating-text')!.textContent).toBe('Unrated');
    const { root: e } = build();
    expect(e.querySelector('.work')!.textContent).toMatch(/ by /);
    expect(e.querySelector('.rating-text')!.textContent).toBe('Explicit');
    expect(e.querySelector('.chip')!.textContent).toBe('E');
    expect(Array.from(e.querySelectorAll('.reasons li'), (li) => li.textContent)).toEqual(['Rated Explicit — above your limit of Mature']);
    expect(Array.from(e.querySelectorAll('button'), (b) => b.textContent)).toEqual([
      'Show this story',
      'Always allow this story',
      'Go back',
    ]);
    expect(e.querySelector('[role="dialog"]')!.getAttribute('aria-modal')).toBe('true');
  });

  it('does what each choice says', async () => {
    const { root } = build();
    const click = (action: string) => personClick(root.querySelector(`[data-action="${action}"]`)!);
    click('show');
    click('back');
    click('allow');
    // “Saving…” stands until the exception is stored.
    await until(() => root.querySelector('.note')!.textContent === '', 'the exception to be saved');
    expect(log).toEqual(['show', 'back', 'allow']);
  });

  it('says so when the exception could not be saved, and lets the reader try again', async () => {
    const { root } = build(EXPLICIT, () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')));
    const allow = root.querySelector<HTMLButtonElement>('[data-action="allow"]')!;
    personClick(allow);
    expect(allow.disabled).toBe(true);
    await until(() => !allow.disabled, 'the failed save to be reported');
    expect(root.querySelector('.note')!.textContent).toBe('Could not save the exception: QUOTA_BYTES quota exceeded');
    expect(allow.disabled).toBe(false);
  });

  it('does nothing for clicks a page’s script makes, and hides its root from the page', async () => {
    const { root, doc, host } = build();
    expect(host.shadowRoot).toBeNull();
    for (const action of ['show', 'allow', 'back']) {
      const button = root.querySelector<HTMLElement>(`[data-action="${action}"]`)!;
      button.click();
      button.dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true, composed: true }));
    }
    await settle();
    expect(log).toEqual([]);
    expect(root.querySelector('.note')!.textContent).toBe('');
  });

  it('leaves out “Always allow” when there is nothing to remember', () => {
    const { root } = build(EXPLICIT, null);
    expect(Array.from(root.querySelectorAll('button'), (b) => b.textContent)).toEqual(['Show this story', 'Go back']);
  });

  it('goes over the whole window, makes the page inert, and gives it back', () => {
    const { doc, host } = build();
    doc.documentElement.style.setProperty('overflow', 'auto');
    const remove = mountInterstitial(doc, host);
    expect(doc.documentElement.lastElementChild!.localName).toBe(INTERSTITIAL_TAG);
    expect(host.getAttribute('style')).toMatch(/position: fixed !important; inset: 0 !important; z-index: 2147483647 !important/);
    expect(doc.body.inert).toBe(true);
    expect(doc.documentElement.style.getPropertyValue('overflow')).toBe('hidden');
    expect(shadowOf(host).activeElement?.localName).toBe('h1');
    remove();
    expect(doc.querySelector(INTERSTITIAL_TAG)).toBeNull();
    expect(doc.body.inert).toBe(false);
    expect(doc.documentElement.style.getPropertyValue('overflow')).toBe('auto');
  });
});

describe('folded listing entries', () => {
  it('stand as one line with the rating and the reason, and open on a click', () => {
    const { doc, url } = page('ao3/pages/tags-buffy-summers-spike-works-page1071.html');
    const gated = judgeBlurbs(doc, url, DEFAULT_RATING_SETTINGS).filter((j) => j.decision.gate);
    for (const j of gated) foldEntry(j.element as HTMLElement, j.report, j.decision);
    const lines = Array.from(doc.querySelectorAll(FOLD_TAG));
    expect(lines.length).toBe(gated.length);
    expect(lines[0]!.shadowRoot).toBeNull();
    const first = shadowOf(lines[0]).querySelector('button')!;
    expect(first.textContent).toBe('EFolded: Velvet and Ash by mourning_dove · Explicit · past your Mature limitShow');
    expect(first.getAttribute('title')).toBe('Rated Explicit — above your limit of Mature');
    expect(first.querySelector('.chip')!.getAttribute('aria-hidden')).toBe('true');
    expect(first.getAttribute('aria-expanded')).toBe('false');
    expect(lines[0]!.getAttribute('role')).toBe('listitem');
    const entry = gated[0]!.element as HTMLElement;
    expect(entry.style.getPropertyValue('display')).toBe('none');
    expect(entry.style.getPropertyPriority('display')).toBe('important');
    // A page's script cannot open it; the reader can.
    first.click();
    first.dispatchEvent(new doc.defaultView!.MouseEvent('click', { bubbles: true, composed: true }));
    expect(entry.style.getPropertyValue('display')).toBe('none');
    expect(doc.querySelectorAll(FOLD_TAG).length).toBe(gated.length);
    personClick(first);
    expect(entry.style.getPropertyValue('display')).toBe('');
    expect(doc.querySelectorAll(FOLD_TAG).length).toBe(gated.length - 1);
    expect(doc.activeElement?.textContent).toBe('Velvet and Ash');
  });
});

describe('a folded line', () => {
  it('names its story, rating and reason in one line, each reason once', () => {
    const { doc, url } = page('ao3/pages/tags-buffy-summers-spike-works-page1071.html');
    const settings = { ...DEFAULT_RATING_SETTINGS, warnings: ['death' as const], tags: ['Major Character Death'] };
    const judged = judgeBlurbs(doc, url, settings).filter((j) => j.decision.gate);
    for (const j of judged) foldEntry(j.element as HTMLElement, j.report, j.decision);
    // The line after the rating letter, and its Show.
    const text = (el: Element) => Array.from(shadowOf(el).querySelectorAll('.text, .show'), (s) => s.textContent).join(' ');
    expect(Array.from(doc.querySelectorAll(FOLD_TAG), text)).toEqual([
      'Folded: Velvet and Ash by mourning_dove · Explicit · past your Mature limit Show',
      'Folded: Ash Wednesday by seventhseason · Mature · Major Character Death Show',
      'Folded: Debts by nightingale_in_june · Explicit · past your Mature limit, Major Character Death Show',
    ]);
  });
});

describe('the seed’s interstitial', () => {
  it('gives the reason that crossed the limit first, and the rest of the evidence behind “Why?”', () => {
    const { doc, url } = page('allaboutspike/pages/fic-562.html');
    const judgement = judgePage(doc, url, DEFAULT_RATING_SETTINGS);
    const root = shadowOf(buildInterstitial(doc, judgement.report, judgement.decision, { show() {}, allowStory: null, back() {} }));
    expect(Array.from(root.querySelectorAll('.reasons li'), (li) => li.textContent)).toEqual([
      'Estimated Explicit, past your Mature limit',
    ]);
    const why = root.querySelector('details.evidence')!;
    expect(why.querySelector('summary')!.textContent).toBe('Why?');
    expect(why.hasAttribute('open')).toBe(false);
    const evidence = Array.from(why.querySelectorAll('li'), (li) => li.textContent!);
    expect(evidence[0]).toMatch(/^explicit sexual language: \d+ passages in 8,\d{3} words$/);
    // Violence and language are found, and said to be within the limit, never reasons for the cover.
    expect(evidence.slice(1).join('\n')).toMatch(/violence|language/);
    for (const line of evidence.slice(1)) expect(line).toMatch(/^Also found, within your Mature limit: /);
    expect(root.querySelector('.reasons')!.textContent).not.toMatch(/violence|language/);
  });
});

describe('the badge with the decision', () => {
  const rating = { level: 'explicit' as const, label: 'NC-17', source: 'site' as const };
  const report = { kind: 'chapter' as const, rating, title: 'Borrowed Light' };

  it('keeps the letter and marks a covered page', () => {
    const gated: Decision = {
      gate: true,
      reasons: [
        { kind: 'rating', text: 'Rated Explicit (site: NC-17) — above your limit of Mature', short: 'past your Mature limit', why: [] },
      ],
    };
    expect(gatedBadge(report, gated)).toMatchObject({
      text: 'E!',
      color: '#9c0000',
      title: 'Slipcase: Borrowed Light: Explicit (NC-17)\nCovered: Rated Explicit (site: NC-17) — above your limit of Mature',
    });
  });

  it('says why an allowed page is not covered, and is the plain badge otherwise', () => {
    const allowed: Decision = { gate: false, reasons: [{ kind: 'rating', text: 'x', short: 'x', why: [] }], allowedBy: 'site' };
    expect(gatedBadge(report, allowed)).toMatchObject({
      text: 'E',
      title: 'Slipcase: Borrowed Light: Explicit (NC-17)\nNot covered: you always allow this site',
    });
    expect(gatedBadge(report, { gate: false, reasons: [] })).toMatchObject({
      text: 'E',
      title: 'Slipcase: Borrowed Light: Explicit (NC-17)',
    });
    expect(gatedBadge({ ...report, kind: 'listing' }, { gate: false, reasons: [] })).toBeNull();
  });
});
