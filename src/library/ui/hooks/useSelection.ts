/** The stories ticked in the library's list, by id. */
import { useState } from 'preact/hooks';

export interface Selection {
  selected: ReadonlySet<string>;
  select(id: string, on: boolean): void;
  /** Unticks these (deleted) stories. */
  drop(ids: readonly string[]): void;
  clear(): void;
}

export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    select: (id, on) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    drop: (ids) => setSelected((s) => new Set([...s].filter((id) => !ids.includes(id)))),
    clear: () => setSelected(new Set()),
  };
}
