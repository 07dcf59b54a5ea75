/**
 * What the library page's buttons do: on a card, in the tools row, on the jobs and on the stories
 * missing from this browser. Each runs through the page's notice (useNotice.ts#RunAction).
 */
import type { LibraryStore } from '../browse/library-store';
import { download } from '../export/transfer';
import type { LibraryReply, LibraryRequest } from '../messages';
import type { StoryRecord } from '../types';
import { plural } from './format';
import type { Notice, Outcome, RunAction } from './hooks/useNotice';
import type { MissingStory } from './hooks/useLibrarySide';
import type { CardActions } from './StoryCard';

export interface ActionContext {
  store: LibraryStore;
  ask(request: LibraryRequest): Promise<LibraryReply>;
  /** The window whose document hands files to the downloads. */
  win: Window & typeof globalThis;
  run: RunAction;
}

/** Asks the background, and describes its answer; a refusal is thrown as the error it names. */
async function askFor(ctx: ActionContext, request: LibraryRequest, describe: (reply: Extract<LibraryReply, { ok: true }>) => Outcome) {
  const reply = await ctx.ask(request);
  if (!reply.ok) throw new Error(reply.error);
  return describe(reply);
}

export function cardActions(
  ctx: ActionContext,
  select: CardActions['select'],
  remove: (ids: readonly string[]) => Promise<void>,
): CardActions {
  const { store, win, run } = ctx;
  return {
    select,
    readHref: (id) => store.readerPath(id),
    epub: (story: StoryRecord) =>
      void run(
        'make the EPUB',
        async () => {
          const file = await store.storyEpub(story.id);
          if (!file) throw new Error('the story is no longer in the library');
          download(file, win.document);
          return null;
        },
        false,
      ),
    check: (id) =>
      void run(
        'check for new chapters',
        () => askFor(ctx, { type: 'library-check', storyIds: [id] }, (r) => ({ text: 'Checking for new chapters…', jobIds: r.jobIds })),
        false,
      ),
    remove: (id) => void remove([id]),
    repair: (id) =>
      void run('repair the story', async () => {
        if (await store.repairStory(id)) return 'Repaired the story from its saved copy.';
        throw new Error('nothing readable is left to rebuild it from. Save it again from its site, or delete it');
      }),
    keep: (id, which) =>
      void run('keep the copy', async () => {
        await store.keepCopy(id, which);
        return which === 'new' ? 'Kept the new copy.' : 'Kept the saved copy.';
      }),
  };
}

export interface ToolActions {
  checkAll(): void;
  exportAll(): void;
  importFile(input: HTMLInputElement): void;
  cancel(jobId: string): void;
}

export function toolActions(ctx: ActionContext, setNotice: (notice: Notice) => void): ToolActions {
  const { store, win, run } = ctx;
  const checked = (r: Extract<LibraryReply, { ok: true }>) =>
    r.jobIds.length
      ? { text: `Checking ${plural(r.jobIds.length, 'story', 'stories')} for new chapters.`, jobIds: r.jobIds }
      : 'No stories in progress to check.';
  return {
    checkAll: () => void run('check for new chapters', () => askFor(ctx, { type: 'library-check' }, checked), false),
    exportAll: () =>
      void run(
        'export the library',
        async () => {
          const file = await store.exportBackup();
          download(file, win.document);
          const left = file.leftOut
            ? ` ${plural(file.leftOut, 'story', 'stories')} whose text is only in your sync folder ${file.leftOut === 1 ? 'is' : 'are'} not in it.`
            : '';
          return `Exported the library to ${file.name}.${left}`;
        },
        false,
      ),
    importFile: (input) => {
      const file = input.files?.[0];
      if (!file) return;
      input.value = '';
      void run('import the backup', async () => {
        setNotice({ kind: 'info', text: `Importing ${file.name}…` });
        const r = await store.importBackup(file);
        return `Imported ${file.name}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`;
      });
    },
    cancel: (jobId) => void run('cancel', () => askFor(ctx, { type: 'library-cancel', jobId }, () => null), false),
  };
}

export interface MissingActions {
  fetch(stories: readonly MissingStory[]): void;
  /** Absent where the page cannot tell other browsers (no sync). */
  dismiss?(story: MissingStory): void;
}

export function missingActions(
  ctx: ActionContext,
  forget: (id: string) => void,
  dismissMissing: ((ids: readonly string[]) => Promise<unknown>) | undefined,
): MissingActions {
  const { ask, run } = ctx;
  const fetch = (stories: readonly MissingStory[]) =>
    void run(
      'fetch the stories',
      async () => {
        for (const s of stories) {
          const reply = await ask({ type: 'library-save-url', url: s.url, title: s.title });
          if (!reply.ok) throw new Error(reply.error);
        }
        return `Fetching ${plural(stories.length, 'story', 'stories')}.`;
      },
      false,
    );
  if (!dismissMissing) return { fetch };
  const dismiss = (story: MissingStory) =>
    void run(
      'forget the story',
      async () => {
        await dismissMissing([story.id]);
        forget(story.id);
        return null;
      },
      false,
    );
  return { fetch, dismiss };
}
