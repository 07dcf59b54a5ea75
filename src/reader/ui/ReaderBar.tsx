/** The reader's sticky toolbar: close, chapters, where the reader is, turning, and the panels' buttons. */
import type { ComponentChildren } from 'preact';
import { turnUnit, type ChapterNav } from '../../core/model';
import { CloseIcon, ListIcon, NextIcon, PrevIcon, SaveIcon, SpeakerIcon } from './icons';
import type { Panel } from './hooks/usePanels';
import { SaveProgress, isFinished, type SaveJob } from './SavePanel';
import { trusted } from './trusted';

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
        <button type="button" class="icon-button close" aria-label="Close reader" title="Close (Escape)" onClick={trusted(onClose)}>
          <CloseIcon />
        </button>
        {nav && nav.chapters.length > 0 ? (
          <PanelToggle name="chapters" label="Chapters" className="chapters-toggle" panel={panel} toggle={toggle}>
            <ListIcon />
          </PanelToggle>
        ) : null}
      </div>
      <p class="where">{where}</p>
      <div class="group">
        {nav && (nav.prev || nav.next) ? <TurnButtons nav={nav} loading={loading} go={go} /> : null}
        <PanelToggle name="settings" label="Reading settings" className="settings-toggle" panel={panel} toggle={toggle}>
          <span class="text-icon" aria-hidden="true">
            Aa
          </span>
        </PanelToggle>
        {canSpeak ? (
          <PanelToggle name="speech" label="Read aloud" className="speech-toggle" panel={panel} toggle={toggle}>
            <SpeakerIcon />
          </PanelToggle>
        ) : null}
        {canSave ? (
          <PanelToggle name="save" label="Save to library" className="save-toggle" panel={panel} toggle={toggle}>
            <SaveIcon />
          </PanelToggle>
        ) : null}
      </div>
      {saving.job && !isFinished(saving.job) && panel !== 'save' ? <SaveProgress job={saving.job} /> : null}
    </div>
  );
}

/** A toolbar button that opens and closes one panel. */
function PanelToggle(props: {
  name: Exclude<Panel, null>;
  label: string;
  className: string;
  panel: Panel;
  toggle(panel: Exclude<Panel, null>): void;
  children: ComponentChildren;
}) {
  const { name, label, className, panel, toggle, children } = props;
  return (
    <button
      type="button"
      class={`icon-button ${className}`}
      aria-label={label}
      title={label}
      aria-expanded={panel === name}
      onClick={trusted(() => toggle(name))}
    >
      {children}
    </button>
  );
}

/** Previous and next chapter (or page, on a forum's reader pages). */
function TurnButtons({ nav, loading, go }: { nav: ChapterNav; loading: boolean; go(url: string): void }) {
  const unit = turnUnit(nav);
  return (
    <>
      <button
        type="button"
        class="icon-button prev"
        aria-label={`Previous ${unit}`}
        title={`Previous ${unit} (p)`}
        disabled={!nav.prev || loading}
        onClick={trusted(() => nav.prev && go(nav.prev))}
      >
        <PrevIcon />
      </button>
      <button
        type="button"
        class="icon-button next"
        aria-label={`Next ${unit}`}
        title={`Next ${unit} (n)`}
        disabled={!nav.next || loading}
        onClick={trusted(() => nav.next && go(nav.next))}
      >
        <NextIcon />
      </button>
    </>
  );
}
