import { useEffect, useMemo, useState } from 'preact/hooks';
import { PageSummary } from '../../shell/ui/PageSummary';
import { DecisionPanel, type RatingServices } from '../../warnings/ui/DecisionPanel';
import { allow, loadRatingSettings, openSettings, removeException, watchRatingSettings } from '../../warnings/ext/settings-storage';
import { siteName } from '../../sites/registry';
import { type CurrentPage, readCurrentPage, tabToShow } from '../../shell/ext/current-page';
import { openReader, readerShortcut } from '../../reader/ext/open-reader';
import { holdsStory, type PageReport } from '../../core/model';
import { SaveSection, type SaveServices } from '../../library/ui/PopupSaveSection';
import { askLibrary, watchLibrary } from '../../library/ext/client';
import { libraryDb } from '../../library/ext/library-db';
import { SiteSwitch, type SiteSwitchServices } from '../../sites/ui/SiteSwitch';
import { switchableHost } from '../../sites/user-sites';
import { canSwitchSites, requestSite, userSites } from '../../sites/ext/user-sites';
import { FixReadingLink } from '../../sites/ui/FixReadingLink';
import { pickOnPage } from '../../sites/ext/rule-picker';
import { PopupMemory, type MemoryServices } from '../../library/memory/ui/PopupMemory';
import { chooseState } from '../../library/db/memory';
import { PopupImport, type ImportServices } from '../../library/memory/ui/PopupImport';
import { listKindOf } from '../../library/imports/reading-lists';
import { importClient } from '../../library/ext/client';
import { BatchSection, type BatchServices } from '../../library/ui/PopupBatchSection';
import { tabWorkList } from '../../library/ext/tab-work-list';
import { listsWorks } from '../../sites/kit/work-list';

/** The save section's library: the database opened in this page, and the background's jobs. */
const saveServices: SaveServices = {
  savedStory: async (id) => (await (await libraryDb()).get('stories', id)) ?? null,
  ask: askLibrary,
  watch: watchLibrary,
};

/** A series or works page's batch save: its works read from the tab, the library asked which it holds. */
const batchServices = (tabId: number, site: string): BatchServices => ({
  workList: () => tabWorkList(tabId, site),
  async savedIds(ids) {
    const tx = (await libraryDb()).transaction('stories');
    const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
    return new Set(ids.filter((_, i) => keys[i] !== undefined));
  },
  ask: askLibrary,
  watch: watchLibrary,
});

/** The reading memory, in the database this page opens. */
const memoryServices: MemoryServices = {
  load: async (id) => (await (await libraryDb()).get('memory', id)) ?? null,
  async choose(story, state) {
    const record = await chooseState(await libraryDb(), story, state);
    // A saved story's state follows the reader to their other browsers (the background syncs it).
    void askLibrary({ type: 'library-sync' });
    return record;
  },
};

const ratingServices: RatingServices = { load: loadRatingSettings, watch: watchRatingSettings, allow, removeException, openSettings };

const siteSwitchServices: SiteSwitchServices = { userSites, request: requestSite };

export function PopupApp() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [page, setPage] = useState<CurrentPage | null>(null);

  useEffect(() => {
    void (async () => {
      const tab = await tabToShow();
      setTabId(tab);
      setPage(tab === null ? { state: 'unreadable', url: null } : await readCurrentPage(tab));
    })();
  }, []);

  return (
    <main class="popup" aria-busy={page === null}>
      <header class="brand">
        Slipcase
        <a class="library-link" href="/options.html#library" target="_blank" rel="noopener">
          Library
        </a>
      </header>
      {page === null ? (
        <p class="loading">Reading this page…</p>
      ) : page.state === 'report' ? (
        <>
          <PageSummary report={page.report} siteName={siteName(page.report.site)} folds={page.folds} />
          <DecisionPanel report={page.report} services={ratingServices} />
          {tabId !== null && holdsStory(page.report.kind) ? <ReadButton tabId={tabId} /> : null}
          {holdsStory(page.report.kind) || page.report.kind === 'index' ? (
            <PopupMemory report={page.report} services={memoryServices} />
          ) : null}
          {tabId !== null && (holdsStory(page.report.kind) || page.report.kind === 'index') ? (
            <SaveSection tabId={tabId} report={page.report} services={saveServices} />
          ) : null}
          {tabId !== null && page.report.kind === 'listing' && listsWorks(page.report.site, page.report.url) ? (
            <BatchSection tabId={tabId} report={page.report} services={batchServices(tabId, page.report.site)} />
          ) : null}
          {tabId !== null ? <ImportFor tabId={tabId} url={page.report.url} /> : null}
          <SwitchFor report={page.report} />
          <FixReadingLink report={page.report} pick={tabId === null ? undefined : () => pickOnPage(tabId)} />
        </>
      ) : (
        <section class="summary not-story" data-kind="unreadable">
          <p class="headline">Not a story page</p>
          <p class="detail">The browser does not let extensions read this page.</p>
        </section>
      )}
    </main>
  );
}

/** On one of the reader's lists on an archive: the offer to bring it into the reading memory. */
function ImportFor({ tabId, url }: { tabId: number; url: string }) {
  const list = listKindOf(new URL(url));
  const services = useMemo<ImportServices>(() => ({ ...importClient, start: (as) => importClient.start(tabId, as) }), [tabId]);
  return list ? <PopupImport list={list} services={services} /> : null;
}

/** On a readable page of a site no built-in rule covers: the offer to switch Slipcase on there (src/sites/user-sites.ts). */
function SwitchFor({ report }: { report: PageReport }) {
  const host = canSwitchSites() ? switchableHost(report.url) : null;
  return host ? <SiteSwitch host={host} story={holdsStory(report.kind)} services={siteSwitchServices} /> : null;
}

/** Opens the reader view in the tab; the popup closes so the reader is in front. */
function ReadButton({ tabId }: { tabId: number }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState('');

  useEffect(() => void readerShortcut().then(setShortcut), []);

  async function read() {
    setBusy(true);
    const result = await openReader(tabId);
    setBusy(false);
    if (result === 'not-allowed') setProblem('The browser does not let Slipcase open this page in the reader.');
    else if (result === 'no-text') setProblem('Slipcase found no story text to show on this page.');
    else if (result === 'unreadable') setProblem('This page is too large or too slow for Slipcase to read.');
    else if (result === 'gated') setProblem('This story is covered by your content warnings: choose “Show this story” on the page first.');
    else window.close();
  }

  return (
    <div class="read">
      <button type="button" class="read-button" disabled={busy} onClick={() => void read()}>
        Read
        {shortcut ? <kbd class="shortcut">{shortcut}</kbd> : null}
      </button>
      {problem ? <p class="detail read-refused">{problem}</p> : null}
    </div>
  );
}
