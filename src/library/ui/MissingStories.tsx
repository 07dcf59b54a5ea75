/** Stories saved in the reader's other browsers that this one lacks, each to fetch or turn down. */
import type { MissingStory } from './hooks/useLibrarySide';
import type { MissingActions } from './library-actions';

export function MissingStories({ missing, actions }: { missing: MissingStory[]; actions: MissingActions }) {
  if (!missing.length) return null;
  const { fetch, dismiss } = actions;
  return (
    <details class="library-missing">
      <summary>
        {missing.length === 1
          ? '1 story saved in your other browsers is not on this one'
          : `${missing.length} stories saved in your other browsers are not on this one`}
      </summary>
      <ul>
        {missing.map((s) => (
          <li key={s.id}>
            <a href={s.url} target="_blank" rel="noreferrer">
              {s.title}
            </a>
            <span class="missing-actions">
              <button type="button" class="missing-fetch" onClick={() => fetch([s])}>
                Fetch
              </button>
              {dismiss ? (
                <button type="button" class="missing-dismiss" onClick={() => dismiss(s)}>
                  Not wanted
                </button>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" class="missing-fetch-all" onClick={() => fetch(missing)}>
        Fetch all
      </button>
    </details>
  );
}
