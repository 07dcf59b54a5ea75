import { RatingBadge } from '../../shell/ui/RatingBadge';
import type { ReadStory } from '../db/repair';
import type { ProgressRecord, StoryRecord } from '../types';
import {
  STATUS_TEXT,
  chaptersText,
  heldText,
  lastReadText,
  marksText,
  partText,
  plural,
  progressOf,
  seriesText,
  wordsText,
} from './format';

/** Where a card's links go and what its buttons do; each names the story by id. */
export interface CardActions {
  /** The offline reader's address for the story. */
  readHref(id: string): string;
  select(id: string, selected: boolean): void;
  epub(story: StoryRecord): void;
  check(id: string): void;
  remove(id: string): void;
  /** Rebuild a damaged record from the story's saved copy. */
  repair(id: string): void;
  /** Resolve a held copy: keep the new one, or keep the saved one. */
  keep(id: string, which: 'new' | 'saved'): void;
}

export interface StoryCardProps {
  story: ReadStory;
  progress: ProgressRecord | undefined;
  /** 0-based position in the results. */
  index: number;
  total: number;
  top: number;
  selected: boolean;
  /** The card that Tab reaches in the list (roving tabindex). */
  active: boolean;
  now: number;
  actions: CardActions;
  onFocus(index: number): void;
}

export function StoryCard({ story, progress, index, total, top, selected, active, now, actions, onFocus }: StoryCardProps) {
  const m = story.meta;
  const titleId = `story-title-${index}`;
  const place = progressOf(story, progress);
  const read = actions.readHref(story.id);
  const held = story.pending ? heldText(story.pending.problems) : null;
  const part = partText(story);
  const marks = marksText(story);
  return (
    <li
      class={`library-card${selected ? ' selected' : ''}`}
      data-story-id={story.id}
      data-index={index}
      aria-setsize={total}
      aria-posinset={index + 1}
      aria-labelledby={titleId}
      tabIndex={active ? 0 : -1}
      style={{ top: `${top}px` }}
      onFocus={(e) => e.target === e.currentTarget && onFocus(index)}
    >
      <div class="card-head">
        <input
          type="checkbox"
          class="card-select"
          checked={selected}
          aria-label={`Select ${m.title}`}
          onChange={(e) => actions.select(story.id, (e.currentTarget as HTMLInputElement).checked)}
        />
        <h3 class="card-title" id={titleId}>
          <a href={read} title={m.title}>
            {m.title}
          </a>
        </h3>
        <RatingBadge rating={m.rating} />
      </div>
      <p class="card-byline">
        <span class="card-authors">{m.authors.length ? `by ${m.authors.join(', ')}` : 'Anonymous'}</span>
        {m.series ? <span class="card-series">{seriesText(m)}</span> : null}
        {m.fandoms.length ? <span class="card-fandoms">{m.fandoms.join(', ')}</span> : null}
      </p>
      <p class="card-facts">
        {/* A partly saved work: what it holds, and the words of that, not the whole work's. */}
        <span class="card-words">
          {wordsText(story.words)}
          {part ? ' saved' : ''}
        </span>
        <span class="card-chapters" title={part ? 'Chapters saved of those posted' : 'Chapters saved / planned'}>
          {part ?? `${chaptersText(story)} chapters`}
        </span>
        <span class={`card-status status-${m.status}`}>{STATUS_TEXT[m.status]}</span>
        {/* A story never opened says "Not started" below: no "Last read never" beside it. */}
        {story.lastReadAt > 0 ? <span class="card-last-read">Last read {lastReadText(story.lastReadAt, now)}</span> : null}
        {story.textIn ? <InFolder /> : null}
      </p>
      <div class="card-progress">
        {place ? (
          <>
            <progress class="reading-progress" max={1} value={place.fraction} aria-label={`Read up to ${place.text}`} />
            <span class="card-place">{place.text}</span>
          </>
        ) : (
          <span class="card-place">Not started</span>
        )}
        {progress?.elsewhere?.length ? <Elsewhere story={story} progress={progress} read={read} now={now} /> : null}
        {story.newChapters > 0 ? <span class="card-new">{plural(story.newChapters, 'new chapter')}</span> : null}
        {marks ? (
          <span class="card-marks" title={marks.full}>
            {marks.short}
          </span>
        ) : null}
      </div>
      {story.damaged ? <DamagedRecord id={story.id} actions={actions} /> : null}
      {held ? <HeldCopy id={story.id} why={held} actions={actions} /> : null}
      <CardButtons story={story} read={read} actions={actions} />
    </li>
  );
}

/** A record some of whose details could not be read (db/repair.ts), and the way to rebuild it. */
function DamagedRecord({ id, actions }: { id: string; actions: CardActions }) {
  return (
    <div class="card-held card-damaged" role="note">
      <span class="held-why">Some of this story’s saved details could not be read.</span>
      <button type="button" class="repair" onClick={() => actions.repair(id)}>
        Repair
      </button>
    </div>
  );
}

/** A copy held back for the reader to judge, and the two ways to settle it. */
function HeldCopy({ id, why, actions }: { id: string; why: string; actions: CardActions }) {
  return (
    <div class="card-held" role="note">
      <span class="held-why" title={why}>
        {why}
      </span>
      <button type="button" class="keep-new" onClick={() => actions.keep(id, 'new')}>
        Keep new copy
      </button>
      <button type="button" class="keep-saved" onClick={() => actions.keep(id, 'saved')}>
        Keep saved copy
      </button>
    </div>
  );
}

function CardButtons({ story, read, actions }: { story: StoryRecord; read: string; actions: CardActions }) {
  return (
    <div class="card-actions">
      <a class="read button" href={read}>
        Read
      </a>
      {/* Narrow cards keep the short words (library.css); the full names stay for screen readers. */}
      <button type="button" class="epub" aria-label="Download EPUB" onClick={() => actions.epub(story)}>
        <span class="wide-only">Download </span>EPUB
      </button>
      {/* An update check fetches the chapters the library lacks: for a partly saved work, the others.
          None for a story whose text is in the sync folder: the devices that keep its text check it. */}
      {story.textIn ? null : partText(story) ? (
        <button type="button" class="check save-other" aria-label="Save the other chapters" onClick={() => actions.check(story.id)}>
          Save<span class="wide-only"> the</span> other chapters
        </button>
      ) : (
        <button type="button" class="check" aria-label="Check for new chapters" onClick={() => actions.check(story.id)}>
          Check<span class="wide-only"> for new chapters</span>
        </button>
      )}
      <button type="button" class="delete" onClick={() => actions.remove(story.id)}>
        Delete
      </button>
    </div>
  );
}

/** A row whose page is still loading: the same height, so the list does not jump. */
export function PlaceholderCard({ index, total, top }: { index: number; total: number; top: number }) {
  return (
    <li
      class="library-card placeholder"
      data-index={index}
      aria-setsize={total}
      aria-posinset={index + 1}
      aria-busy="true"
      style={{ top: `${top}px` }}
    >
      Loading…
    </li>
  );
}

/**
 * Where the reader's other devices are in the story (the WebDAV sync): Continue went to the newest
 * place by itself unless that was behind this device's, so the newest other place is offered here,
 * one click away; the others are in its title. One line, as the list's rows have one height.
 */
function Elsewhere({ story, progress, read, now }: { story: ReadStory; progress: ProgressRecord; read: string; now: number }) {
  const all = progress.elsewhere!.map((p) => `On ${p.device}: ${progressOf(story, p)?.text}, ${lastReadText(p.at, now)}`);
  const newest = progress.elsewhere![0]!;
  return (
    <span class="card-elsewhere" title={all.join('\n')}>
      {all[0]} <a href={`${read}&chapter=${newest.chapter}`}>Go there</a>
    </span>
  );
}

/** A story whose text this browser leaves in the sync folder until it is opened (dav/awaiting.ts). */
function InFolder() {
  return (
    <span class="card-in-folder" title="This browser keeps only the stories opened here: Read fetches its text from your sync folder.">
      Text in your sync folder
    </span>
  );
}
