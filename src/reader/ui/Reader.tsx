/**
 * The reader: one page's story in a calm, book-like column, as a modal dialog over the page.
 * Everything that touches the extension (storage, fetching chapters, fonts) comes in through
 * `services`, so the component itself is plain DOM and Preact.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ReaderNote, ReaderView } from '../../core/model';
import { RATE, clampToRange, resolveTheme, type FontChoice, type ReaderSettings } from '../settings';
import { siteName } from '../../sites/registry';
import { anchorAt, anchorAtFraction, fractionOf, readingBlocks, scrollToAnchor, type Anchor } from './blocks';
import { ChapterList } from './ChapterList';
import { CloseIcon, ListIcon, NextIcon, PrevIcon, SaveIcon, SpeakerIcon } from './icons';
import { ReadAloud, type SpeechState } from '../read-aloud';
import { ReadAloudBar } from './ReadAloudBar';
import { SavePanel, SaveProgress, isFinished, useSaveJob, type SaveService } from './SavePanel';
import { SettingsPanel } from './SettingsPanel';
import { StoryHeader } from './StoryHeader';

export interface ReaderServices {
  /** The reader view of another chapter, and the URL it ended up at after redirects. */
  loadChapter(url: string): Promise<{ view: ReaderView | null; url: string }>;
  /** Whether `url` can be shown without leaving the page (same origin). */
  canLoadInPlace(url: string): boolean;
  /** Where the chapter was left: an anchor, or how far through its blocks (see blocks.ts#fractionOf). */
  loadPosition(url: string): Promise<Anchor | { fraction: number } | null>;
  /** The place in the chapter, as an anchor and as the fraction of its blocks read. */
  savePosition(url: string, anchor: Anchor, fraction: number): Promise<void>;
  saveSettings(settings: ReaderSettings): Promise<void>;
  /** Settings changed elsewhere; returns the unsubscribe. */
  watchSettings(onChange: (settings: ReaderSettings) => void): () => void;
  /** Makes a font usable before it is shown (the bundled dyslexia-friendly font is loaded on demand). */
  loadFont(font: FontChoice): Promise<void>;
  /** Saving the story to the offline library; without it the reader offers no Save. */
  save?: SaveService;
}

export interface ReaderProps {
  url: string;
  view: ReaderView | null;
  settings: ReaderSettings;
  services: ReaderServices;
  /** The reader is done: its position is saved and it can be taken off the page. */
  onClose(): void;
}

type Panel = 'settings' | 'chapters' | 'speech' | 'save' | null;
type Shown = { url: string; view: ReaderView | null };

/** Height of the sticky toolbar: a position is the place just below it. */
const TOOLBAR = 56;
const SAVE_DELAY = 600;

const isTyping = (el: EventTarget | undefined): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));

export function Reader({ url, view, settings: initialSettings, services, onClose }: ReaderProps) {
  const [shown, setShown] = useState<Shown>({ url, view });
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [settings, setSettings] = useState(initialSettings);
  const [prefersDark, setPrefersDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  const [panel, setPanel] = useState<Panel>(null);
  const [speech, setSpeech] = useState<{ state: SpeechState; block: number }>({ state: 'stopped', block: -1 });
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const saving = useSaveJob(services.save);

  const scroller = useRef<HTMLDivElement>(null);
  const story = useRef<HTMLDivElement>(null);
  const blocks = useRef<HTMLElement[]>([]);
  const anchor = useRef<Anchor>({ block: 0, offset: 0 });
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const settingsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cache = useRef(new Map<string, Shown>([[url, { url, view }]]));
  /** A chapter is on its way: set at once, where the `loading` state shows only after a render. */
  const turning = useRef(false);

  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const reader = useMemo(
    () => (synth ? new ReadAloud<SpeechSynthesisUtterance>(synth, (text) => new SpeechSynthesisUtterance(text), (state, block) => setSpeech({ state, block })) : null),
    [],
  );

  // Latest values for the listeners registered once below.
  const live = useRef({ shown, panel });
  live.current = { shown, panel };

  const nav = shown.view?.nav ?? null;

  function flushPosition(): Promise<void> {
    clearTimeout(saveTimer.current);
    const { url: at, view: open } = live.current.shown;
    if (!open) return Promise.resolve();
    return services.savePosition(at, anchor.current, fractionOf(anchor.current, blocks.current.length)).catch(() => undefined);
  }

  async function close(): Promise<void> {
    reader?.stop();
    await flushPosition();
    onClose();
  }

  async function go(target: string, how: 'push' | 'pop'): Promise<void> {
    if (turning.current) return;
    if (!services.canLoadInPlace(target)) {
      await flushPosition();
      location.assign(target);
      return;
    }
    turning.current = true;
    reader?.stop();
    await flushPosition();
    setPanel((p) => (p === 'speech' ? p : null));
    setFailed(null);
    setLoading(true);
    setAnnouncement('Loading chapter…');
    try {
      const next = cache.current.get(target) ?? (await services.loadChapter(target));
      cache.current.set(target, next);
      cache.current.set(next.url, next);
      if (how === 'push') history.pushState(history.state, '', next.url);
      setShown(next);
      // Reaching a chapter is progress, kept even if the reader never scrolls in it.
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void flushPosition(), SAVE_DELAY);
      setAnnouncement(next.view?.report.chapter?.title ?? next.view?.report.title ?? 'Chapter loaded');
    } catch {
      setFailed(target);
      setAnnouncement('The chapter could not be loaded.');
    } finally {
      turning.current = false;
      setLoading(false);
    }
  }

  // Keys: Escape closes a panel, then the reader; n and p turn chapters. Caught before the page
  // sees them, which lies inert under the reader.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.composedPath()[0];
      const { panel: open, shown: now } = live.current;
      let handled = true;
      if (e.key === 'Escape') {
        if (open && open !== 'speech') setPanel(null);
        else void close();
      } else if (isTyping(target)) handled = false;
      else if (e.key === 'n' && now.view?.nav.next) void go(now.view.nav.next, 'push');
      else if (e.key === 'p' && now.view?.nav.prev) void go(now.view.nav.prev, 'push');
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onPop = () => {
      if (location.href !== live.current.shown.url) void go(location.href, 'pop');
    };
    const onHide = () => void flushPosition();
    addEventListener('keydown', onKey, true);
    addEventListener('popstate', onPop);
    addEventListener('pagehide', onHide);
    return () => {
      removeEventListener('keydown', onKey, true);
      removeEventListener('popstate', onPop);
      removeEventListener('pagehide', onHide);
      // Also when the reader is taken away without its close button (the shortcut pressed again).
      void flushPosition();
    };
  }, []);

  // The system's dark mode, for the Auto theme.
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setPrefersDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => services.watchSettings((s) => setSettings((cur) => (JSON.stringify(cur) === JSON.stringify(s) ? cur : s))), []);

  useEffect(() => {
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    update();
    synth.addEventListener('voiceschanged', update);
    return () => {
      synth.removeEventListener('voiceschanged', update);
      reader?.stop();
    };
  }, []);

  // Opened, or a new chapter: focus in the reader, its blocks found, at the place it was left (or its start).
  useLayoutEffect(() => {
    const el = scroller.current;
    blocks.current = story.current ? readingBlocks(story.current) : [];
    if (!el) return;
    el.scrollTop = 0;
    anchor.current = { block: 0, offset: 0 };
    el.focus({ preventScroll: true });
    let current = true;
    void services.loadPosition(shown.url).then((saved) => {
      if (!current || !saved) return;
      anchor.current = 'fraction' in saved ? anchorAtFraction(saved.fraction, blocks.current.length) : { block: saved.block, offset: saved.offset };
      scrollToAnchor(el, blocks.current, TOOLBAR, anchor.current);
    });
    return () => {
      current = false;
    };
  }, [shown]);

  // New typography: keep the same words at the top of the screen.
  const typography = `${settings.font}|${settings.size}|${settings.lineHeight}|${settings.width}|${settings.justify}`;
  useLayoutEffect(() => {
    if (scroller.current) scrollToAnchor(scroller.current, blocks.current, TOOLBAR, anchor.current);
  }, [typography]);

  useEffect(() => {
    let current = true;
    services
      .loadFont(settings.font)
      .then(() => current && scroller.current && scrollToAnchor(scroller.current, blocks.current, TOOLBAR, anchor.current))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [settings.font]);

  // The block being read aloud is highlighted and kept in view.
  useEffect(() => {
    const el = blocks.current[speech.block];
    if (!el) return;
    el.classList.add('speaking');
    el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    return () => el.classList.remove('speaking');
  }, [speech.block, shown]);

  function onScroll() {
    const el = scroller.current;
    if (!el || !shown.view) return;
    anchor.current = anchorAt(el, blocks.current, TOOLBAR);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void flushPosition(), SAVE_DELAY);
  }

  function changeSettings(next: ReaderSettings) {
    setSettings(next);
    // Sliders send many changes; storage.sync limits writes per minute.
    clearTimeout(settingsTimer.current);
    settingsTimer.current = setTimeout(() => void services.saveSettings(next).catch(() => undefined), 400);
  }

  function speechOptions(s: ReaderSettings) {
    return { voice: voices.find((v) => v.voiceURI === s.voice) ?? null, rate: s.rate };
  }

  function playPause() {
    if (!reader) return;
    if (speech.state === 'playing') reader.pause();
    else if (speech.state === 'paused') reader.resume();
    else {
      const texts = blocks.current.map((b) => b.textContent ?? '');
      reader.play(texts, anchor.current.block, speechOptions(settings));
    }
  }

  function changeSpeech(next: ReaderSettings) {
    changeSettings(next);
    reader?.setOptions(speechOptions(next));
  }

  const toggle = (p: Exclude<Panel, null>) => setPanel((cur) => (cur === p ? null : p));
  const theme = resolveTheme(settings.theme, prefersDark);
  const report = shown.view?.report;
  const where = report ? [report.title, report.chapter ? `Chapter ${report.chapter.index}` : null].filter(Boolean).join(' · ') : '';

  return (
    <div
      class="root"
      data-theme={theme}
      data-font={settings.font}
      data-justify={String(settings.justify)}
      style={{ '--size': `${settings.size}px`, '--leading': String(settings.lineHeight), '--measure': `${settings.width}ch` }}
    >
      <div
        class="reader"
        role="dialog"
        aria-modal="true"
        aria-labelledby={shown.view ? 'sc-title' : undefined}
        aria-label={shown.view ? undefined : 'Slipcase reader'}
        aria-busy={loading}
        tabIndex={-1}
        ref={scroller}
        onScroll={onScroll}
      >
        <div class="bar">
          <div class="group">
            <button type="button" class="icon-button close" aria-label="Close reader" title="Close (Escape)" onClick={() => void close()}>
              <CloseIcon />
            </button>
            {nav && nav.chapters.length > 0 ? (
              <button type="button" class="icon-button chapters-toggle" aria-label="Chapters" title="Chapters" aria-expanded={panel === 'chapters'} onClick={() => toggle('chapters')}>
                <ListIcon />
              </button>
            ) : null}
          </div>
          <p class="where">{where}</p>
          <div class="group">
            {nav && (nav.prev || nav.next) ? (
              <>
                <button type="button" class="icon-button prev" aria-label="Previous chapter" title="Previous chapter (p)" disabled={!nav.prev || loading} onClick={() => nav.prev && void go(nav.prev, 'push')}>
                  <PrevIcon />
                </button>
                <button type="button" class="icon-button next" aria-label="Next chapter" title="Next chapter (n)" disabled={!nav.next || loading} onClick={() => nav.next && void go(nav.next, 'push')}>
                  <NextIcon />
                </button>
              </>
            ) : null}
            <button type="button" class="icon-button settings-toggle" aria-label="Reading settings" title="Reading settings" aria-expanded={panel === 'settings'} onClick={() => toggle('settings')}>
              <span class="text-icon" aria-hidden="true">
                Aa
              </span>
            </button>
            {reader && shown.view ? (
              <button type="button" class="icon-button speech-toggle" aria-label="Read aloud" title="Read aloud" aria-expanded={panel === 'speech'} onClick={() => toggle('speech')}>
                <SpeakerIcon />
              </button>
            ) : null}
            {services.save && shown.view ? (
              <button type="button" class="icon-button save-toggle" aria-label="Save to library" title="Save to library" aria-expanded={panel === 'save'} onClick={() => toggle('save')}>
                <SaveIcon />
              </button>
            ) : null}
          </div>
          {saving.job && !isFinished(saving.job) && panel !== 'save' ? <SaveProgress job={saving.job} /> : null}
        </div>

        {panel === 'settings' ? <SettingsPanel settings={settings} onChange={changeSettings} /> : null}
        {panel === 'chapters' && nav ? <ChapterList nav={nav} onGo={(u) => void go(u, 'push')} /> : null}
        {panel === 'save' ? <SavePanel saving={saving} target={{ url: shown.url, title: shown.view?.report.title ?? null }} /> : null}
        {panel === 'speech' && reader ? (
          <ReadAloudBar
            state={speech.state}
            voices={voices}
            voice={settings.voice}
            rate={settings.rate}
            onPlayPause={playPause}
            onStop={() => reader.stop()}
            onVoice={(voice) => changeSpeech({ ...settings, voice })}
            onRate={(rate) => changeSpeech({ ...settings, rate: clampToRange(rate, RATE, settings.rate) })}
          />
        ) : null}

        <article class="page">
          <div class="column">
            {failed ? (
              <p class="status error" role="alert">
                This chapter could not be loaded. <a href={failed}>Open it in the page instead</a>.
              </p>
            ) : null}
            {shown.view ? (
              <>
                <StoryHeader view={shown.view} siteName={siteName(shown.view.report.site)} />
                <Notes notes={shown.view.notes} position="before" />
                <div class="story" ref={story} dangerouslySetInnerHTML={{ __html: shown.view.content.html }} />
                <Notes notes={shown.view.notes} position="after" />
                {nav && (nav.prev || nav.next) ? (
                  <nav class="chapter-end" aria-label="Chapter navigation">
                    {nav.prev ? (
                      <button type="button" class="icon-button prev-end" disabled={loading} onClick={() => nav.prev && void go(nav.prev, 'push')}>
                        <PrevIcon /> Previous chapter
                      </button>
                    ) : null}
                    {nav.next ? (
                      <button type="button" class="icon-button next-end" disabled={loading} onClick={() => nav.next && void go(nav.next, 'push')}>
                        Next chapter <NextIcon />
                      </button>
                    ) : null}
                  </nav>
                ) : null}
              </>
            ) : (
              <p class="status empty">Slipcase found no story text on this page.</p>
            )}
          </div>
        </article>
        <p class="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </div>
    </div>
  );
}

function Notes({ notes, position }: { notes: ReaderNote[]; position: ReaderNote['position'] }) {
  return (
    <>
      {notes
        .filter((n) => n.position === position)
        .map((n, i) => (
          <details key={i} class={`note ${position}`} open={position === 'before'}>
            <summary>{n.label}</summary>
            <div class="note-body" dangerouslySetInnerHTML={{ __html: n.html }} />
          </details>
        ))}
    </>
  );
}
