/** Every chapter the page lists, to jump to one. */
import type { ChapterNav } from '../../core/model';
import { trusted } from './trusted';

export function ChapterList({ nav, onGo }: { nav: ChapterNav; onGo(url: string): void }) {
  return (
    <nav class="panel chapters" aria-label="Chapters">
      <h2>Chapters</h2>
      <ol>
        {nav.chapters.map((c, i) => (
          <li key={c.url}>
            <button type="button" aria-current={c.current ? 'page' : undefined} onClick={trusted(() => onGo(c.url))}>
              {c.title || `Chapter ${i + 1}`}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
