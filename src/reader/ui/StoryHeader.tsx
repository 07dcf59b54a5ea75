/** The top of the page: site and rating, title, author, chapter, words and reading time. */
import type { ReaderView } from '../../core/model';
import { readingMinutes } from '../settings';
import { thousands } from '../../core/numbers';
import { RatingBadge } from '../../shell/ui/RatingBadge';

export function StoryHeader({ view, siteName }: { view: ReaderView; siteName: string }) {
  const { report, content } = view;
  const chapter = report.chapter;
  const minutes = readingMinutes(content.words);
  return (
    <header class="story-head">
      <p class="site">
        <span class="site-name">{siteName}</span>
        <RatingBadge rating={report.rating} />
      </p>
      <h1 class="title" id="sc-title">
        {report.title ?? 'Untitled'}
      </h1>
      {report.author ? <p class="author">by {report.author}</p> : null}
      {chapter ? (
        <p class="chapter-title">
          {`Chapter ${chapter.index}${chapter.count ? ` of ${chapter.count}` : ''}`}
          {chapter.title ? `: ${chapter.title}` : ''}
        </p>
      ) : null}
      <p class="facts">
        <span class="words">{thousands(content.words)} words</span>
        {' · '}
        <span class="minutes">{minutes} min read</span>
      </p>
    </header>
  );
}
