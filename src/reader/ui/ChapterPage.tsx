/** The chapter itself: its header, notes, text and the buttons to the chapters either side. */
import type { Ref } from 'preact';
import { turnUnit, type ChapterNav, type ReaderNote, type ReaderView } from '../../core/model';
import { NextIcon, PrevIcon } from './icons';
import { StoryHeader } from './StoryHeader';
import { trusted } from './trusted';

export interface ChapterPageProps {
  view: ReaderView | null;
  /** The chapter's words; null while a staged story's rest is still being read (useChapterPlace). */
  words: number | null;
  /** The address of a chapter that could not be loaded. */
  failed: string | null;
  loading: boolean;
  go(url: string): void;
  storyRef: Ref<HTMLDivElement>;
}

export function ChapterPage({ view, words, failed, loading, go, storyRef }: ChapterPageProps) {
  return (
    <article class="page">
      <div class="column">
        {failed ? (
          <p class="status error" role="alert">
            This chapter could not be loaded. <a href={failed}>Open it in the page instead</a>.
          </p>
        ) : null}
        {view ? (
          <>
            <StoryHeader view={view} words={words} siteName={view.siteName} />
            <Notes notes={view.notes} position="before" />
            {/* Filled a part at a time as the chapter opens (useChapterPlace). */}
            <div class="story" ref={storyRef} />
            <Notes notes={view.notes} position="after" />
            <ChapterEnd nav={view.nav} loading={loading} go={go} />
          </>
        ) : (
          <p class="status empty">Slipcase found no story text on this page.</p>
        )}
      </div>
    </article>
  );
}

function ChapterEnd({ nav, loading, go }: { nav: ChapterNav; loading: boolean; go(url: string): void }) {
  if (!nav.prev && !nav.next) return null;
  const unit = turnUnit(nav);
  return (
    <nav class="chapter-end" aria-label={unit === 'page' ? 'Page navigation' : 'Chapter navigation'}>
      {nav.prev ? (
        <button type="button" class="icon-button prev-end" disabled={loading} onClick={trusted(() => nav.prev && go(nav.prev))}>
          <PrevIcon /> Previous {unit}
        </button>
      ) : null}
      {nav.next ? (
        <button type="button" class="icon-button next-end" disabled={loading} onClick={trusted(() => nav.next && go(nav.next))}>
          Next {unit} <NextIcon />
        </button>
      ) : null}
    </nav>
  );
}

function Notes({ notes, position }: { notes: ReaderNote[]; position: ReaderNote['position'] }) {
  return (
    <>
      {notes
        .filter((n) => n.position === position)
        .map((n, i) => (
          // Folded, so the story starts on the first screen: the summary and notes are a click away.
          <details key={i} class={`note ${position}`}>
            <summary>{n.label}</summary>
            <div class="note-body" dangerouslySetInnerHTML={{ __html: n.html }} />
          </details>
        ))}
    </>
  );
}
