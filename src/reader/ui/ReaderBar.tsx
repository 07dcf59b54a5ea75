/** The reader's sticky toolbar: close, chapters, where the reader is, turning, and the panels' buttons. */
import type { ChapterNav } from '../../core/model';
import { CloseIcon, ListIcon, NextIcon, PrevIcon, SaveIcon, SpeakerIcon } from './icons';
import type { Panel } from './hooks/usePanels';
import { SaveProgress, isFinished, type SaveJob } from './SavePanel';

export interface ReaderBarProps {
  nav: ChapterNav | null;
  /** The story's title and chapter, for the middle of the bar. */
  where: string;
  panel: Panel;
  toggle(panel: Exclude<Panel, null>): void;
  loading: boolean;
  go(url: string): void;
  canSpeak: boolean;
  canSave: boolean;
  saving: SaveJob;
  onClose(): void;
}

export function ReaderBar({ nav, where, panel, toggle, loading, go, canSpeak, canSave, saving, onClose }: ReaderBarProps) {
  return (
    <div class="bar">
      <div class="group">
        <button type="button" class="icon-button close" aria-label="Close reader" title="Close (Escape)" onClick={onClose}>
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
            <button type="button" class="icon-button prev" aria-label="Previous chapter" title="Previous chapter (p)" disabled={!nav.prev || loading} onClick={() => nav.prev && go(nav.prev)}>
              <PrevIcon />
            </button>
            <button type="button" class="icon-button next" aria-label="Next chapter" title="Next chapter (n)" disabled={!nav.next || loading} onClick={() => nav.next && go(nav.next)}>
              <NextIcon />
            </button>
          </>
        ) : null}
        <button type="button" class="icon-button settings-toggle" aria-label="Reading settings" title="Reading settings" aria-expanded={panel === 'settings'} onClick={() => toggle('settings')}>
          <span class="text-icon" aria-hidden="true">
            Aa
          </span>
        </button>
        {canSpeak ? (
          <button type="button" class="icon-button speech-toggle" aria-label="Read aloud" title="Read aloud" aria-expanded={panel === 'speech'} onClick={() => toggle('speech')}>
            <SpeakerIcon />
          </button>
        ) : null}
        {canSave ? (
          <button type="button" class="icon-button save-toggle" aria-label="Save to library" title="Save to library" aria-expanded={panel === 'save'} onClick={() => toggle('save')}>
            <SaveIcon />
          </button>
        ) : null}
      </div>
      {saving.job && !isFinished(saving.job) && panel !== 'save' ? <SaveProgress job={saving.job} /> : null}
    </div>
  );
}
