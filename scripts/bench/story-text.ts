/** What the extraction benches fingerprint of a story (extraction-text.ts): its text and its notes' text. Browser-safe: the page bundle uses it too. */
import type { Story } from '../../src/reader/extract';

export function storyText(story: Pick<Story, 'content' | 'notes'> | null): string {
  return story ? [story.content.text, ...story.notes.map((n) => n.html.replace(/<[^>]*>/g, ' '))].join('\n') : '';
}
