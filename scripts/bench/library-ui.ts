/**
 * The library page as the extension shows it (src/library/ui/LibraryPage.tsx), on the bench's
 * IndexedDB: bundled and served by library-heap.ts at /ui.html?db=NAME, for its JS heap. The
 * background's save jobs are not there: the page is given none.
 */
import { h, render } from 'preact';
import { openLibrary } from '../../src/library/db/db';
import { libraryStore } from '../../src/library/browse/library-store';
import { LibraryPage } from '../../src/library/ui/LibraryPage';

const name = new URLSearchParams(location.search).get('db');
if (!name) throw new Error('no ?db= in the address');
void openLibrary(indexedDB, { name }).then((db) => {
  const services = {
    store: libraryStore(db, window),
    ask: () => Promise.resolve({ ok: true as const, jobIds: [], jobs: [] }),
    watch: () => () => {},
    win: window,
  };
  render(h(LibraryPage, { services }), document.body);
});
