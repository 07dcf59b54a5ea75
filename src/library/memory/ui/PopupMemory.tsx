/**
 * The popup's line on the reading memory of the story the tab shows: its state and place
 * ("Reading, chapter 3 of 7"), and a menu to set the state. Setting one remembers a story the
 * reader has not opened yet too (a work's index page: Want to read).
 */
import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '../../../core/model';
import { storyKey } from '../../../warnings/policy';
import { READING_STATES, STATE_TEXT, stateLine, type MemoryRecord, type Opened, type ReadingState } from '../reading-state';

export interface MemoryServices {
  load(id: string): Promise<MemoryRecord | null>;
  choose(story: Omit<Opened, 'at' | 'chapter'>, state: ReadingState): Promise<MemoryRecord>;
}

export function PopupMemory({ report, services }: { report: PageReport; services: MemoryServices }) {
  const id = storyKey(report);
  const [memory, setMemory] = useState<MemoryRecord | null | undefined>(undefined);
  useEffect(() => {
    services.load(id).then(setMemory, () => setMemory(null));
  }, [id, services]);
  if (memory === undefined) return null;

  const choose = (state: ReadingState) => {
    const story = {
      id,
      site: report.site,
      url: report.url,
      title: report.title ?? report.url,
      author: report.author,
      chapters: report.chapter?.count ?? null,
    };
    services.choose(story, state).then(setMemory, () => undefined);
  };
  return (
    <section class="memory" aria-label="Reading state">
      <p class="memory-state">{memory ? stateLine(memory) : 'Not in your reading memory yet'}</p>
      <label class="memory-choose">
        <span>Mark as</span>
        <select value={memory?.state ?? ''} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value as ReadingState)}>
          {memory ? null : <option value="">Choose…</option>}
          {READING_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_TEXT[s]}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
