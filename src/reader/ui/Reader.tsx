/**
 * The reader: one page's story in a calm, book-like column, as a modal dialog over the page.
 * Everything that touches the extension (storage, fetching chapters, fonts) comes in through
 * `services`, so the component itself is plain DOM and Preact; its state lives in ./hooks.
 */
import type { ReaderView } from '../../core/model';
import type { ReaderSettings } from '../settings';
import { ChapterList } from './ChapterList';
import { ChapterPage } from './ChapterPage';
import { useChapterTurn } from './hooks/useChapterTurn';
import { usePanels } from './hooks/usePanels';
import { useAloudAcrossChapters, useReadAloud, useSpeakingHighlight } from './hooks/useReadAloud';
import { useReaderKeys } from './hooks/useReaderKeys';
import { useReaderSettings } from './hooks/useReaderSettings';
import { useChapterPlace, useReadingPosition } from './hooks/useReadingPosition';
import { useTouchTurns } from './hooks/useTouchTurns';
import { SpeechPanel } from './ReadAloudBar';
import { ReaderBar } from './ReaderBar';
import { SavePanel, useSaveJob } from './SavePanel';
import type { ReaderServices } from './reader-services';
import { SettingsPanel } from './SettingsPanel';

export interface ReaderProps {
  url: string;
  view: ReaderView | null;
  settings: ReaderSettings;
  services: ReaderServices;
  /** The reader is done: its position is saved and it can be taken off the page. */
  onClose(): void;
}

export function Reader({ url, view, settings: initialSettings, services, onClose }: ReaderProps) {
  const saving = useSaveJob(services.save);
  const position = useReadingPosition(services, { url, view });
  const { panel, setPanel, toggle } = usePanels(position.scroller);
  const { settings, changeSettings, theme } = useReaderSettings(initialSettings, services);
  const aloud = useReadAloud(position.blocks, position.anchor, settings, changeSettings);
  const { reader } = aloud;
  const turn = useChapterTurn({ url, view }, services, position, { leaving: () => reader?.stop(), setPanel });
  const { shown, loading } = turn;
  position.at.current = shown;
  const words = useChapterPlace(position, shown, settings, services);
  useSpeakingHighlight(position.blocks, aloud.speech.block, shown);
  useAloudAcrossChapters(aloud, shown, turn, services.canLoadInPlace);

  const close = async () => {
    reader?.stop();
    await position.flush();
    onClose();
  };
  useReaderKeys({ panel, shown, closePanel: () => setPanel(null), close, go: turn.go, flush: position.flush });

  const go = (target: string) => void turn.go(target, 'push');
  const nav = shown.view?.nav ?? null;
  useTouchTurns(position.scroller, { nav, loading, go, openChapters: () => setPanel('chapters') });
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
        ref={position.scroller}
        onScroll={position.onScroll}
      >
        <ReaderBar
          nav={nav}
          where={where}
          panel={panel}
          toggle={toggle}
          loading={loading}
          go={go}
          canSpeak={!!reader && !!shown.view}
          canSave={!!services.save && !!shown.view}
          saving={saving}
          onClose={() => void close()}
        />
        {panel === 'settings' ? <SettingsPanel settings={settings} onChange={changeSettings} /> : null}
        {panel === 'chapters' && nav ? <ChapterList nav={nav} onGo={go} /> : null}
        {panel === 'save' ? <SavePanel saving={saving} target={{ url: shown.url, title: shown.view?.report.title ?? null }} /> : null}
        {panel === 'speech' && reader ? <SpeechPanel aloud={aloud} reader={reader} settings={settings} /> : null}
        <ChapterPage view={shown.view} words={words} failed={turn.failed} loading={loading} go={go} storyRef={position.story} />
        <p class="visually-hidden" aria-live="polite">
          {turn.announcement}
        </p>
      </div>
    </div>
  );
}
