/**
 * Turning chapters by touch (../gestures.ts): a swipe or a tap near the edge of the page turns it,
 * and a long press opens the chapter list. Only a person's touches count (`isTrusted`), and only
 * on the text itself: links, buttons, notes' summaries, a table that scrolls sideways, and a touch
 * while text is selected are left to the browser, so selecting and following links work as ever.
 */
import { useEffect, useRef, type MutableRef } from 'preact/hooks';
import type { ChapterNav } from '../../../core/model';
import { LONG_PRESS_MS, TOUCH_SLOP, strokeTurn } from '../gestures';
import { trusted } from '../trusted';

export interface TouchTurnState {
  nav: ChapterNav | null;
  loading: boolean;
  go(url: string): void;
  openChapters(): void;
}

const OWN_TOUCH = 'a[href], button, input, select, textarea, label, summary, audio, video, [contenteditable]';

/** The touch is the reader's to read: on the page's text, and on nothing that answers touch itself. */
function onText(e: TouchEvent): boolean {
  const path = e.composedPath().filter((n): n is HTMLElement => n instanceof HTMLElement);
  const page = path.findIndex((el) => el.matches('article.page'));
  if (page < 0) return false;
  return path
    .slice(0, page)
    .every((el) => !el.matches(OWN_TOUCH) && !(el.scrollWidth > el.clientWidth && /auto|scroll/.test(getComputedStyle(el).overflowX)));
}

/** Text is selected in the reader (Chromium hands out the shadow root's own selection; Firefox's document one reaches into it). */
function selecting(el: HTMLElement): boolean {
  const root = el.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null };
  const selection = root.getSelection?.() ?? document.getSelection();
  return !!selection && selection.toString().trim() !== '';
}

export function useTouchTurns(scroller: MutableRef<HTMLElement | null>, state: TouchTurnState): void {
  const live = useRef(state);
  live.current = state;
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let start: { x: number; y: number; t: number; left: number } | null = null;
    let held = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancelHold = () => clearTimeout(timer);

    const onStart = trusted((e: TouchEvent) => {
      cancelHold();
      start = null;
      held = false;
      const t = e.touches[0];
      if (e.touches.length !== 1 || !t || !onText(e) || selecting(el)) return;
      start = { x: t.clientX, y: t.clientY, t: e.timeStamp, left: el.getBoundingClientRect().left };
      timer = setTimeout(() => {
        if (!start || selecting(el) || !live.current.nav?.chapters.length) return;
        held = true;
        live.current.openChapters();
      }, LONG_PRESS_MS);
    });
    const onMove = trusted((e: TouchEvent) => {
      const t = e.touches[0];
      if (start && t && Math.hypot(t.clientX - start.x, t.clientY - start.y) > TOUCH_SLOP) cancelHold();
    });
    const onEnd = trusted((e: TouchEvent) => {
      cancelHold();
      const s = start;
      const t = e.changedTouches[0];
      start = null;
      if (!s || !t) return;
      // The long press has opened the chapter list: the finger lifting is not also a tap.
      if (held) return e.preventDefault();
      const { nav, loading, go } = live.current;
      const dx = t.clientX - s.x;
      const turn = strokeTurn({ startX: s.x - s.left, dx, dy: t.clientY - s.y, ms: e.timeStamp - s.t, width: el.clientWidth });
      const target = turn === 'next' ? nav?.next : turn === 'prev' ? nav?.prev : null;
      if (!target || loading || selecting(el)) return;
      e.preventDefault();
      go(target);
    });
    const onCancel = () => {
      cancelHold();
      start = null;
    };
    el.addEventListener('touchstart', onStart, { passive: true });
    el.addEventListener('touchmove', onMove, { passive: true });
    el.addEventListener('touchend', onEnd);
    el.addEventListener('touchcancel', onCancel);
    return () => {
      cancelHold();
      el.removeEventListener('touchstart', onStart);
      el.removeEventListener('touchmove', onMove);
      el.removeEventListener('touchend', onEnd);
      el.removeEventListener('touchcancel', onCancel);
    };
  }, [scroller]);
}
