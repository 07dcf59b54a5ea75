/**
 * One exchange of places with a KOReader sync server (kosync.ts), for the stories on the shelf
 * this device keeps. The e-reader's place is taken when it is newer than this browser's and not
 * behind it; a newer place that is behind is offered beside the others ("On KOReader: …"), never
 * taken by itself. This browser's place is sent when it moved since it was last sent.
 *
 * The server has no list of what changed, so each run asks about the stories read most recently
 * (RECENT) and those whose place moved here: a run over a library of thousands stays a few dozen
 * requests.
 */
import type { LibraryDb } from '../db/db';
import { setElsewhere, setProgress } from '../db/reading';
import type { ElsewherePlace, ProgressRecord, StoryRecord } from '../types';
import { chapterFromProgress, documentDigest, progressFor, type KosyncClient } from './kosync';
import type { ShelfState } from './shelf-run';

/** Stories asked about each run, the most recently read first. */
const RECENT = 30;

export interface KosyncState {
  /** Per story, the time of the place last sent or taken (ms). */
  sent: Record<string, number>;
}

export interface KosyncDeps {
  client: KosyncClient;
  library: LibraryDb;
  shelf: ShelfState;
  /** This device's id: a place it sent itself is not news. */
  deviceId: string;
}

/** Asks about each story in turn; returns how many places were sent and taken. */
export async function exchangePlaces(deps: KosyncDeps, state: KosyncState): Promise<{ sent: number; taken: number }> {
  const [stories, places] = await Promise.all([deps.library.getAll('stories'), deps.library.getAll('progress')]);
  const placeOf = new Map(places.map((p) => [p.storyId, p]));
  const onShelf = stories.filter((s) => deps.shelf.files[s.id]);
  const moved = onShelf.filter((s) => (placeOf.get(s.id)?.at ?? 0) > (state.sent[s.id] ?? 0));
  const recent = [...onShelf].sort((a, b) => b.lastReadAt - a.lastReadAt).slice(0, RECENT);
  const done = { sent: 0, taken: 0 };
  for (const story of new Set([...moved, ...recent])) {
    const outcome = await exchangeOne(deps, state, story, placeOf.get(story.id));
    if (outcome) done[outcome]++;
  }
  return done;
}

async function exchangeOne(deps: KosyncDeps, state: KosyncState, story: StoryRecord, mine: ProgressRecord | undefined) {
  const document = documentDigest(deps.shelf.files[story.id]!.file);
  const theirs = await deps.client.pull(document);
  const chapter = theirs && theirs.deviceId !== deps.deviceId ? chapterFromProgress(theirs.progress, story.chapterCount) : null;
  if (theirs && chapter !== null && theirs.at > (mine?.at ?? 0) && theirs.at > (state.sent[story.id] ?? 0)) {
    state.sent[story.id] = theirs.at;
    if (!mine || chapter >= mine.chapter) {
      const fraction = mine && chapter === mine.chapter ? mine.fraction : 0;
      await setProgress(deps.library, story.id, { chapter, fraction }, theirs.at);
      return 'taken' as const;
    }
    // Behind this browser's place: offered, not taken.
    const offer: ElsewherePlace = { device: `KOReader (${theirs.device})`, chapter, fraction: 0, at: theirs.at };
    await setElsewhere(deps.library, story.id, [offer, ...(mine.elsewhere ?? []).filter((p) => !p.device.startsWith('KOReader'))]);
    return null;
  }
  if (mine && mine.at > (state.sent[story.id] ?? 0)) {
    await deps.client.push(document, progressFor(mine.chapter, story.chapterCount, mine.fraction), 'Slipcase', deps.deviceId);
    state.sent[story.id] = mine.at;
    return 'sent' as const;
  }
  return null;
}
