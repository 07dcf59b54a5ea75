/**
 * A browser's permissions and scripting namespaces as far as switching sites on goes, in memory,
 * for fakeBrowser (which has neither): granted origins, their events, registered scripts.
 */
type Listener = (p: { origins?: string[] }) => void;

export function fakeSitePermissions(granted: string[] = []) {
  const held = new Set(granted);
  const added: Listener[] = [];
  const removed: Listener[] = [];
  const scripts = new Map<string, { id: string; matches: string[]; js: string[] }>();
  return {
    held,
    scripts,
    permissions: {
      request: async ({ origins = [] }: { origins?: string[] }) => {
        origins.forEach((o) => held.add(o));
        added.forEach((l) => l({ origins }));
        return true;
      },
      remove: async ({ origins = [] }: { origins?: string[] }) => {
        origins.forEach((o) => held.delete(o));
        removed.forEach((l) => l({ origins }));
        return true;
      },
      contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => held.has(o)),
      getAll: async () => ({ origins: [...held], permissions: [] }),
      onAdded: { addListener: (l: Listener) => void added.push(l) },
      onRemoved: { addListener: (l: Listener) => void removed.push(l) },
    },
    scripting: {
      registerContentScripts: async (list: { id: string; matches: string[]; js: string[] }[]) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      getRegisteredContentScripts: async () => [...scripts.values()],
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => ids.forEach((id) => scripts.delete(id)),
    },
  };
}
