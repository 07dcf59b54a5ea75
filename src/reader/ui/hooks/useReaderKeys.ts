/**
 * The reader's window listeners: Escape closes a panel, then the reader; n and p turn chapters
 * (caught before the page sees them, which lies inert under the reader); Back and Forward show
 * the chapter the address names; the place is saved when the page hides or the reader goes.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Panel } from './usePanels';
import type { Shown } from './useReadingPosition';
import { trusted } from '../trusted';

export interface ReaderKeyState {
  panel: Panel;
  shown: Shown;
  closePanel(): void;
  close(): Promise<void>;
  go(target: string, how: 'push' | 'pop'): Promise<void>;
  flush(): Promise<void>;
}

const isTyping = (el: EventTarget | undefined): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));

export function useReaderKeys(state: ReaderKeyState): void {
  // The listeners are registered once, and read the latest state.
  const live = useRef(state);
  live.current = state;

  // Registered as the reader first renders, not after the next paint: a reader on screen answers
  // Escape at once (a hidden tab may not paint for a long while).
  useLayoutEffect(() => {
    // Keys and history steps the page's script makes up are not the reader's.
    const onKey = trusted((e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.composedPath()[0];
      const { panel, shown, closePanel, close, go } = live.current;
      let handled = true;
      if (e.key === 'Escape') {
        // An open panel closes first (read aloud goes on without its panel), then the reader.
        if (panel) closePanel();
        else void close();
      } else if (isTyping(target)) handled = false;
      else if (e.key === 'n' && shown.view?.nav.next) void go(shown.view.nav.next, 'push');
      else if (e.key === 'p' && shown.view?.nav.prev) void go(shown.view.nav.prev, 'push');
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    });
    const onPop = trusted(() => {
      if (location.href !== live.current.shown.url) void live.current.go(location.href, 'pop');
    });
    const onHide = () => void live.current.flush();
    addEventListener('keydown', onKey, true);
    addEventListener('popstate', onPop);
    addEventListener('pagehide', onHide);
    return () => {
      removeEventListener('keydown', onKey, true);
      removeEventListener('popstate', onPop);
      removeEventListener('pagehide', onHide);
      // Also when the reader is taken away without its close button (the shortcut pressed again).
      void live.current.flush();
    };
  }, []);
}
