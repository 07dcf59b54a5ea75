/** The reading memory's switches: remembering the stories the reader opens, and marking listings with it. */
export interface MemorySettings {
  /** Remember each story page the reader opens (its state and place). */
  remember: boolean;
  /** Mark the entries of archive listings the memory or the library knows. */
  marks: boolean;
}

export const DEFAULT_MEMORY_SETTINGS: MemorySettings = { remember: true, marks: true };

/**
 * The story ids (storyKey: "site:host:work") of `host` among those a listing asks about: a page
 * learns nothing of what the reader reads on other archives.
 */
export function idsOfSite(ids: readonly string[], host: string): string[] {
  return ids.filter((id) => id.split(':')[1] === host);
}

/** Whatever storage holds, as valid settings: a missing or mistyped switch takes its default. */
export function normalizeMemorySettings(raw: unknown): MemorySettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const flag = (k: keyof MemorySettings) => (typeof r[k] === 'boolean' ? (r[k] as boolean) : DEFAULT_MEMORY_SETTINGS[k]);
  return { remember: flag('remember'), marks: flag('marks') };
}
