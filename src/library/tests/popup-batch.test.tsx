// @vitest-environment jsdom
/**
 * The popup on an AO3 series page: "Save all N stories", "Save only the N not in the library"
 * (counted by story id against the library), the batch's progress in stories, and how it ended.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageReport } from '../../core/model';
import type { JobView, LibraryEvent, LibraryRequest } from '../messages';
import { BatchSection, type BatchServices } from '../ui/PopupBatchSection';
import { readWorkList } from '../../sites/kit/work-list';
import { click, settle, until } from '../../../tests/lib/ui';
import { corpusHtml } from './library-web';

const SERIES = 'https://archiveofourown.org/series/2196';
const html = corpusHtml(SERIES);
const report = { kind: 'listing', url: SERIES, site: 'ao3' } as PageReport;

let host: HTMLElement;
let asked: LibraryRequest[];
let listeners: ((event: LibraryEvent) => void)[];

beforeEach(() => {
  host = document.body.appendChild(document.createElement('div'));
  asked = [];
  listeners = [];
});
afterEach(() => {
  render(null, host);
  host.remove();
});

function services(saved: string[]): BatchServices {
  return {
    workList: () => Promise.resolve(readWorkList('ao3', new DOMParser().parseFromString(html, 'text/html'), SERIES)),
    savedIds: (ids) => Promise.resolve(new Set(ids.filter((id) => saved.includes(id)))),
    ask: (request) => {
      asked.push(request);
      return Promise.resolve(request.type === 'library-save-batch' ? { ok: true, jobIds: ['b1'] } : { ok: true, jobIds: [], jobs: [] });
    },
    watch: (onEvent) => (listeners.push(onEvent), () => {}),
  };
}

const job = (change: Partial<JobView>): JobView => ({
  id: 'b1',
  scope: 'batch',
  url: SERIES,
  title: 'Small Mercies',
  storyId: null,
  state: 'running',
  done: 1,
  total: 3,
  message: null,
  outcome: null,
  createdAt: 1,
  updatedAt: 1,
  ...change,
});
const text = (selector: string) => host.querySelector(selector)?.textContent ?? null;

describe('the popup on a series page', () => {
  it('offers to save all the works, or only those the library lacks', async () => {
    render(<BatchSection tabId={7} report={report} services={services(['ao3:archiveofourown.org:61000202'])} />, host);
    await until(() => host.querySelector('.save-batch-all') !== null, 'the buttons');
    expect(text('.save-batch-all')).toBe('Save all 3 stories');
    expect(text('.save-batch-new')).toBe('Save only the 2 not in the library');
    expect(host.textContent).toContain('later pages are saved too');
    await click(host.querySelector('.save-batch-new'));
    await settle();
    expect(asked).toContainEqual({ type: 'library-save-batch', tabId: 7, onlyNew: true });
  });

  it('offers no "only new" when none or all of the works are saved', async () => {
    render(<BatchSection tabId={7} report={report} services={services([])} />, host);
    await until(() => host.querySelector('.save-batch-all') !== null, 'the buttons');
    expect(host.querySelector('.save-batch-new')).toBeNull();
  });

  it('shows the batch in stories as it goes, and how it ended', async () => {
    render(<BatchSection tabId={7} report={report} services={services([])} />, host);
    await until(() => host.querySelector('.save-batch-all') !== null, 'the buttons');
    await click(host.querySelector('.save-batch-all'));
    await settle();
    expect(asked).toContainEqual({ type: 'library-save-batch', tabId: 7, onlyNew: false });
    listeners.forEach((l) => l({ type: 'library-event', jobs: [job({})], changed: [] }));
    await settle();
    expect(text('.job-message')).toBe('Saving… 1 of 3 stories');
    const message = 'Saved 2 of 3 stories. Not saved: Coda (cancelled)';
    listeners.forEach((l) => l({ type: 'library-event', jobs: [job({ state: 'done', done: 3, message })], changed: [] }));
    await settle();
    expect(text('.job-outcome')).toBe(message);
  });
});
