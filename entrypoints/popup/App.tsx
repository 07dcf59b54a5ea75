import { useEffect, useState } from 'preact/hooks';
import { PageSummary } from '../../components/PageSummary';
import { siteName } from '../../utils/sites';
import { type CurrentPage, readCurrentPage, tabToShow } from '../../utils/ext/current-page';

export function App() {
  const [page, setPage] = useState<CurrentPage | null>(null);

  useEffect(() => {
    void (async () => {
      const tabId = await tabToShow();
      setPage(tabId === null ? { state: 'unreadable', url: null } : await readCurrentPage(tabId));
    })();
  }, []);

  return (
    <main class="popup" aria-busy={page === null}>
      <header class="brand">Slipcase</header>
      {page === null ? (
        <p class="loading">Reading this page…</p>
      ) : page.state === 'report' ? (
        <PageSummary report={page.report} siteName={siteName(page.report.site)} />
      ) : (
        <section class="summary not-story" data-kind="unreadable">
          <p class="headline">Not a story page</p>
          <p class="detail">The browser does not let extensions read this page.</p>
        </section>
      )}
    </main>
  );
}
