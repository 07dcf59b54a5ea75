/**
 * A saved story as a page report, so the rating policy (src/warnings/policy.ts#decide) judges a saved
 * copy exactly as it judged the page it came from, with the same "always allow" keys.
 */
import type { Estimate, PageReport } from '../core/model';
import type { StoryRecord } from './types';

/** The report of a saved story's work page. `estimate`: of its saved text, for an unrated work. */
export function storyReport(story: StoryRecord, estimate: Estimate | null = null): PageReport {
  const { meta } = story;
  return {
    kind: 'story',
    url: story.url,
    site: story.site,
    title: meta.title,
    author: meta.authors.length ? meta.authors.join(', ') : null,
    fandoms: [...meta.fandoms],
    summary: meta.summary,
    rating: { ...meta.rating },
    warnings: [...meta.warnings],
    warningsHidden: meta.warningsHidden,
    tags: [...meta.tags],
    chapter: null,
    words: meta.words,
    estimate,
    content: null,
  };
}
