// @vitest-environment jsdom
/**
 * The gate's Preact components in jsdom, on the fake browser's storage: the popup's decision
 * panel with its one-click exceptions, and the options page's settings section.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DecisionPanel, type RatingServices } from '../ui/DecisionPanel';
import { RatingSettingsSection } from '../ui/RatingSettingsSection';
import { DEFAULT_RATING_SETTINGS, type RatingSettings } from '../policy';
import type { ExceptionKind } from '../settings';
import type { PageReport } from '../../core/model';
import { emptyInfo } from '../../core/model';
import { click, settle, until } from '../../../tests/lib/ui';
import { allow, loadRatingSettings, openSettings, removeException, saveRatingSettings, watchRatingSettings } from '../ext/settings-storage';

/** The panel on the fake browser's storage, as the popup wires it. */
const services: RatingServices = { load: loadRatingSettings, watch: watchRatingSettings, allow, removeException, openSettings };

const report: PageReport = {
  ...emptyInfo('chapter'),
  url: 'https://www.fanfiction.net/s/7654321/2/Night-Shift',
  site: 'ffn',
  title: 'Night Shift',
  author: 'tester',
  rating: { level: 'mature', label: 'Fiction M', source: 'site' },
  tags: ['Romance', 'Angst'],
  estimate: null,
  content: null,
};

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** Settles until the panel shows `state` (storage and its change events are asynchronous). */
const untilState = (state: string) =>
  until(() => root.querySelector('.gate-panel')?.getAttribute('data-gate') === state, `the panel to show ${state}`);
const buttons = () => Array.from(root.querySelectorAll('button'), (b) => b.textContent);
const press = (label: string) => click(Array.from(root.querySelectorAll('button')).find((b) => b.textContent === label));

describe('DecisionPanel', () => {
  it('shows nothing on a page that is not a work', async () => {
    render(<DecisionPanel report={{ ...report, kind: 'listing' }} services={services} />, root);
    await settle();
    expect(root.innerHTML).toBe('');
  });

  it('says a page within the settings is clear', async () => {
    render(<DecisionPanel report={report} services={services} />, root);
    await untilState('clear');
    expect(root.querySelector('.gate-panel')!.getAttribute('data-gate')).toBe('clear');
    expect(root.querySelector('.gate-headline')!.textContent).toBe('Nothing here goes past your settings.');
  });

  it('on an unrated page gives the reason that crossed the limit, and the evidence once, behind “Why?”', async () => {
    const estimate = {
      level: 'explicit' as const,
      reasons: ['explicit sexual language: 3 passages in 8,299 words', 'violence: 2 passages in 8,299 words'],
    };
    const unrated: PageReport = { ...report, rating: { level: 'unknown', label: null, source: 'none' }, estimate };
    render(<DecisionPanel report={unrated} services={services} />, root);
    await untilState('covered');
    expect(Array.from(root.querySelectorAll('.gate-reasons li'), (li) => li.textContent)).toEqual([
      'Estimated Explicit, past your Mature limit',
    ]);
    const why = root.querySelector<HTMLDetailsElement>('details.gate-why')!;
    expect(why.open).toBe(false);
    expect(why.querySelector('summary')!.textContent).toBe('Why?');
    expect(Array.from(why.querySelectorAll('li'), (li) => li.textContent)).toEqual([
      'explicit sexual language: 3 passages in 8,299 words',
      'Also found, within your Mature limit: violence: 2 passages in 8,299 words',
    ]);
    // Said once in the panel: the violence count is not among the reasons.
    expect(root.textContent!.split('violence: 2 passages').length - 1).toBe(1);
  });

  it('shows why a page is covered, and one click allows the story; another takes it back', async () => {
    await saveRatingSettings({ ...DEFAULT_RATING_SETTINGS, limit: 'teen' });
    render(<DecisionPanel report={report} services={services} />, root);
    await untilState('covered');
    expect(root.querySelector('.gate-panel')!.getAttribute('data-gate')).toBe('covered');
    expect(root.querySelector('.gate-reasons')!.textContent).toBe('Rated Mature (site: Fiction M) — above your limit of Teen');
    expect(buttons()).toEqual(['Always allow this story', 'Always allow this author', 'Always allow this site', 'Warning settings']);

    await press('Always allow this story');
    await untilState('allowed');
    expect((await loadRatingSettings()).exceptions.stories).toEqual(['ffn:fanfiction.net:7654321']);
    expect(root.querySelector('.gate-panel')!.getAttribute('data-gate')).toBe('allowed');
    expect(root.querySelector('.gate-headline')!.textContent).toBe('Not covered: you always allow this story.');

    await press('Stop allowing');
    await untilState('covered');
    expect((await loadRatingSettings()).exceptions.stories).toEqual([]);
    expect(root.querySelector('.gate-panel')!.getAttribute('data-gate')).toBe('covered');
  });

  it('follows settings changed elsewhere', async () => {
    render(<DecisionPanel report={report} services={services} />, root);
    await untilState('clear');
    await act(() =>
      saveRatingSettings({
        ...DEFAULT_RATING_SETTINGS,
        limit: 'general',
        exceptions: { stories: [], authors: [], sites: ['fanfiction.net'] },
      }),
    );
    await untilState('allowed');
    expect(root.querySelector('.gate-headline')!.textContent).toBe('Not covered: you always allow this site.');
  });
});

describe('RatingSettingsSection', () => {
  function mount(settings: RatingSettings, labels: Record<string, string> = {}) {
    const changes: RatingSettings[] = [];
    const removed: [ExceptionKind, string][] = [];
    const draw = (s: RatingSettings) =>
      render(
        <RatingSettingsSection
          settings={s}
          labels={labels}
          onChange={(next) => {
            changes.push(next);
            draw(next);
          }}
          onRemoveException={(kind, key) => removed.push([kind, key])}
        />,
        root,
      );
    draw(settings);
    return { changes, removed };
  }
  const input = (sel: string) => root.querySelector<HTMLInputElement>(sel)!;

  it('shows the settings as they are', () => {
    mount({ ...DEFAULT_RATING_SETTINGS, warnings: ['death'], tags: ['vampire*', 'non*con'] });
    expect(input('input[name="limit"][value="mature"]').checked).toBe(true);
    expect(input('input[name="unrated"][value="estimate"]').checked).toBe(true);
    expect(Array.from(root.querySelectorAll<HTMLInputElement>('input[name="warnings"]:checked'), (i) => i.value)).toEqual(['death']);
    expect(root.querySelector('textarea')!.value).toBe('vampire*\nnon*con');
  });

  it('changes the limit, the unrated mode and the warning categories', async () => {
    const { changes } = mount(DEFAULT_RATING_SETTINGS);
    await act(() => input('input[name="limit"][value="teen"]').click());
    await act(() => input('input[name="unrated"][value="warn"]').click());
    await act(() => input('input[name="warnings"][value="noncon"]').click());
    expect(changes.at(-1)).toMatchObject({ limit: 'teen', unrated: 'warn', warnings: ['noncon'] });
  });

  it('offers folding a listing’s unrated works, off until chosen', async () => {
    const { changes } = mount(DEFAULT_RATING_SETTINGS);
    const box = input('input[name="foldUnrated"]');
    expect(box.closest('label')!.textContent).toBe('Fold unrated works in listings');
    expect(box.checked).toBe(false);
    await act(() => box.click());
    expect(changes.at(-1)).toMatchObject({ foldUnrated: true });
    expect(input('input[name="foldUnrated"]').checked).toBe(true);
  });

  it('saves the tag box when it is left', async () => {
    const { changes } = mount(DEFAULT_RATING_SETTINGS);
    const box = root.querySelector('textarea')!;
    await act(() => {
      box.value = 'Vampires\nnon*con, major character death';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(changes).toEqual([]);
    await act(() => void box.dispatchEvent(new Event('blur')));
    expect(changes.at(-1)!.tags).toEqual(['Vampires', 'non*con', 'major character death']);
  });

  it('lists exceptions by name, removes them, and adds a typed site', async () => {
    const key = 'ao3:archiveofourown.org:51733902';
    const { changes, removed } = mount(
      { ...DEFAULT_RATING_SETTINGS, exceptions: { stories: [key, 'ffn:fanfiction.net:1'], authors: [], sites: [] } },
      { [key]: 'Velvet and Ash by mourning_dove (archiveofourown.org)' },
    );
    expect(Array.from(root.querySelectorAll('[data-kind="stories"] .exception-name'), (e) => e.textContent)).toEqual([
      'Velvet and Ash by mourning_dove (archiveofourown.org)',
      'story 1 on fanfiction.net',
    ]);
    await act(() => root.querySelector<HTMLButtonElement>('[data-kind="stories"] li button')!.click());
    expect(removed).toEqual([['stories', key]]);

    const site = input('#rating-add-site');
    await act(() => {
      site.value = 'not a site';
      site.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void root.querySelector('form.add-site')!.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(root.querySelector('.add-site .error')!.textContent).toBe('That is not a site’s address.');
    await act(() => {
      site.value = 'https://www.fanfiction.net/s/1/';
      site.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void root.querySelector('form.add-site')!.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(changes.at(-1)!.exceptions.sites).toEqual(['fanfiction.net']);
  });
});
