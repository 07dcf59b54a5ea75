import { render } from 'preact';
import { phoneViewport } from '../../core/phone-viewport';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import css from '../../reader/ui/reader.css?inline';
import { Reader } from '../../reader/ui/Reader';
import type { ReaderServices } from '../../reader/ui/reader-services';
import { canFetchInPlace, fetchReaderView } from '../../reader/ext/chapter-fetch';
import { loadDyslexicFont } from '../../reader/ext/fonts';
import type { ReaderOutcome } from '../../reader/ext/open-reader';
import { loadPosition, loadSettings, savePosition, saveSettings, watchSettings } from '../../reader/ext/reader-storage';
import { readerViewBy } from '../../reader/read-view';
import { readerPick } from '../../sites/reader-sites';
import { FIRST_PART } from '../../reader/ui/story-parts';
import { readablePageBy } from '../../core/read-page';
import { ExtractionError } from '../../reader/extract';
import { INTERSTITIAL_TAG } from '../../warnings/ui/interstitial';
import { decide } from '../../warnings/policy';
import { loadRatingSettings } from '../../warnings/ext/settings-storage';
import { librarySave } from '../../library/ext/reader-save';
import { loadSiteRules } from '../../sites/ext/site-rules';

/**
 * The reader view, injected into the tab only when the reader asks for it (popup button, keyboard
 * shortcut, context menu): Readability, DOMPurify and the reader UI never load on a page otherwise.
 * It shows the page's story in a closed shadow root over the page, so neither side's CSS reaches
 * the other and the page's script cannot read or work the reader, and leaves the page as it was when it closes.
 */

/**
 * WXT stops the older copy of a content script when a newer one starts. An open reader stopped
 * that way sets this flag for the newer copy, which then does not reopen it: the same command
 * toggles the reader. A symbol key, and only `true` counts: a named property of the window (an
 * element of the page with that id) is never the flag.
 */
const TOGGLED = Symbol.for('slipcase.readerToggled');

const pageServices: Omit<ReaderServices, 'save'> = {
  async loadChapter(url) {
    const next = await fetchReaderView(url);
    if (next.view && decide(next.view.report, await loadRatingSettings()).gate) {
      // The next chapter crosses the reader's limits: load it as a page, where the gate covers it
      // before it is painted. The reader ends with this page, so nothing is left to resolve.
      location.assign(next.url);
      return new Promise<never>(() => undefined);
    }
    return next;
  },
  canLoadInPlace: (url) => canFetchInPlace(url, location.href),
  loadPosition,
  savePosition,
  saveSettings,
  watchSettings,
  loadFont: (font) => (font === 'dyslexic' ? loadDyslexicFont() : Promise.resolve()),
};

/** An element's inline style property, as it was, to put back. */
function inlineStyle(el: HTMLElement, name: string): { set(value: string): void; restore(): void } {
  const before = [el.style.getPropertyValue(name), el.style.getPropertyPriority(name)] as const;
  return { set: (value) => el.style.setProperty(name, value, 'important'), restore: () => el.style.setProperty(name, ...before) };
}

/**
 * Puts the page under the reader (inert, its scrollbar hidden so there is no second one) and gives
 * back on closing what it had: its scroll position, its focus, its body and scrollbar as they were.
 * Its body's content is not rendered meanwhile (content-visibility): hiding the scrollbar would
 * otherwise lay the whole page out again, 15 ms of a 10k-word AO3 chapter's opening in Chromium, for
 * a page nobody sees. A browser without content-visibility lays it out, as before.
 */
function coverPage(): { cover(): void; restore(): void } {
  const html = document.documentElement;
  const body = document.body;
  const viewport = phoneViewport(document);
  const overflow = inlineStyle(html, 'overflow');
  const visibility = body && inlineStyle(body, 'content-visibility');
  const before = { x: scrollX, y: scrollY, focus: document.activeElement, inert: body?.inert ?? false };
  return {
    cover() {
      visibility?.set('hidden');
      if (body) body.inert = true;
      overflow.set('hidden');
      viewport.cover();
    },
    restore() {
      viewport.restore();
      if (body) body.inert = before.inert;
      visibility?.restore();
      overflow.restore();
      scrollTo(before.x, before.y);
      if (before.focus instanceof HTMLElement) before.focus.focus({ preventScroll: true });
    },
  };
}

export default defineContentScript({
  registration: 'runtime',
  async main(ctx): Promise<ReaderOutcome> {
    const shared = globalThis as unknown as Record<symbol, unknown>;
    if (shared[TOGGLED] === true) {
      shared[TOGGLED] = false;
      return 'closed';
    }

    // The content-warning gate guards the reader too: while the page's interstitial stands, the
    // reader does not open past it; the reader chooses on the interstitial first.
    const gate = document.querySelector(INTERSTITIAL_TAG);
    if (gate) {
      (gate as HTMLElement).focus();
      return 'gated';
    }

    const openedAt = location.href;
    // The reader's own rule for this site reads the page, as it did for detection. The reader's
    // settings are asked for at the same time: one wait on storage instead of two.
    const [, settings] = await Promise.all([loadSiteRules(), loadSettings()]);
    let view: ReturnType<typeof readerViewBy>;
    try {
      // The sites this script carries, and the host's own when the background injected it first.
      const pick = readerPick();
      const page = readablePageBy(pick, document, openedAt); // on a frameset, the frame holding the story
      // Staged: a long work's first part is sanitised for the first screen, the rest as it is shown.
      view = readerViewBy(pick, page.doc, page.url, { estimate: false, firstChars: FIRST_PART });
    } catch (e) {
      // A page past the reader's size or time limits is left as it is, and the popup says why.
      if (e instanceof ExtractionError) return 'unreadable';
      throw e;
    }
    const restorePage = coverPage();
    let open = false;

    // Registered before the UI's own removal on invalidation, so it still sees the reader open.
    ctx.onInvalidated(() => {
      if (!open) return;
      shared[TOGGLED] = true;
      // Only the copy starting right now may read it.
      setTimeout(() => (shared[TOGGLED] = false));
    });

    const ui = await createShadowRootUi(ctx, {
      name: 'slipcase-reader',
      position: 'inline',
      // Outside <body>, so the whole page can be made inert under the reader.
      anchor: 'html',
      append: 'last',
      css,
      mode: 'closed',
      isolateEvents: true,
      onMount(container) {
        open = true;
        restorePage.cover();
        const services: ReaderServices = { ...pageServices, save: librarySave(openedAt) };
        render(<Reader url={openedAt} view={view} settings={settings} services={services} onClose={close} />, container);
        return container;
      },
      onRemove(container) {
        if (!container) return;
        open = false;
        render(null, container);
        restorePage.restore();
        // The reader went to other chapters: load the one the address bar now names.
        if (location.href !== openedAt) location.reload();
      },
    });

    const close = () => ui.remove();

    ui.mount();
    return view ? 'opened' : 'no-text';
  },
});
