// @vitest-environment jsdom
/** The popup's page summary on an unrated page: what the estimate found, or plainly that it found nothing to judge. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyInfo, type PageReport } from '../../core/model';
import { estimateText } from '../../warnings/estimate/estimate';
import { PageSummary } from '../ui/PageSummary';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const unrated = (text: string): PageReport => ({
  ...emptyInfo('story'),
  url: 'http://www.allaboutspike.com/fic.html?id=1',
  site: 'allaboutspike',
  title: 'A Short One',
  estimate: estimateText(text),
  content: null,
});
const shown = (sel: string) => Array.from(root.querySelectorAll(sel), (e) => e.textContent?.replace(/\s+/g, ' ').trim());

describe('the popup on an unrated page', () => {
  it('with too little text says there is no estimate, and why, in plain words', () => {
    render(<PageSummary report={unrated('The end. Really.')} siteName="All About Spike" />, root);
    expect(shown('.estimate-level')).toEqual(['Unrated · no estimate']);
    expect(shown('.estimate-reasons li')).toEqual(['only 3 words of text, too few to judge']);
    expect(root.textContent).not.toMatch(/estimated Unrated/);
  });

  it('with enough text says what the estimate found', () => {
    const text = Array.from({ length: 60 }, () => 'They walked home along the quiet river and talked about the weather.').join('\n');
    render(<PageSummary report={unrated(text)} siteName="All About Spike" />, root);
    expect(shown('.estimate-level')).toEqual(['Unrated · estimated General']);
  });
});
