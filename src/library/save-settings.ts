/**
 * What the reader has Slipcase save of a work filed in several runs: a forum thread's threadmark
 * categories (src/sites/xenforo/threadmarks.ts). The story's own threadmarks, side stories and
 * apocrypha (omake) by default, as FanFicFare does but for staff posts; informational posts and
 * media are the reader's to add. Pure: the shell stores it (src/library/ext/save-settings.ts).
 */
import type { RunKind } from '../sites/types';

export interface SaveSettings {
  /** The threadmark categories saving walks, in the forum's order; never empty. */
  runs: RunKind[];
}

/** Every kind, in the order the options page lists them, with its label there. */
export const RUN_KINDS: readonly { kind: RunKind; label: string }[] = [
  { kind: 'story', label: 'The story (threadmarks)' },
  { kind: 'sidestory', label: 'Side stories' },
  { kind: 'apocrypha', label: 'Apocrypha and omake' },
  { kind: 'informational', label: 'Informational posts' },
  { kind: 'media', label: 'Media' },
  { kind: 'other', label: 'Other categories (staff posts…)' },
];

export const DEFAULT_SAVE_SETTINGS: SaveSettings = { runs: ['story', 'sidestory', 'apocrypha'] };

/** Whatever storage holds (an older version, another device), made valid: unknown kinds go, an empty choice is the default. */
export function normalizeSaveSettings(stored: unknown): SaveSettings {
  const runs = (stored as { runs?: unknown } | null)?.runs;
  const kinds = Array.isArray(runs) ? RUN_KINDS.map((k) => k.kind).filter((k) => runs.includes(k)) : [];
  return kinds.length ? { runs: kinds } : { runs: [...DEFAULT_SAVE_SETTINGS.runs] };
}
