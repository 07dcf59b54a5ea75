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

describe('the popup on a listing', () => {
  const listing: PageReport = {
    ...emptyInfo('listing'),
    url: 'https://archiveofourown.org/tags/x/works',
    site: 'ao3',
    estimate: null,
    content: null,
  };

  it('says how many entries were folded, and why', () => {
    const folds = {
      works: 20,
      folded: 3,
      reasons: [
        { label: 'past your rating limit', count: 2 },
        { label: 'Major Character Death', count: 1 },
      ],
    };
    render(<PageSummary report={listing} siteName="AO3" folds={folds} />, root);
    expect(shown('.headline')).toEqual(['Not a story page']);
    expect(shown('.folds')).toEqual(['3 of 20 works folded: 2 past your rating limit, 1 Major Character Death']);
    render(<PageSummary report={listing} siteName="AO3" folds={{ works: 8, folded: 0, reasons: [] }} />, root);
    expect(shown('.folds')).toEqual(['0 of 8 works folded']);
  });
});

describe('the popup on an unrated page', () => {
  it('with too little text says there is no estimate, leaving the evidence to the decision panel', () => {
    render(<PageSummary report={unrated('The end. Really.')} siteName="All About Spike" />, root);
    expect(shown('.estimate-level')).toEqual(['Unrated · no estimate']);
    // The decision panel below gives the evidence behind "Why?"; the popup says it once.
    expect(root.textContent).not.toMatch(/too few to judge/);
    expect(root.textContent).not.toMatch(/estimated Unrated/);
  });

  it('with enough text says what the estimate found', () => {
    const text = Array.from({ length: 60 }, () => 'They walked home along the quiet river and talked about the weather.').join('\n');
    render(<PageSummary report={unrated(text)} siteName="All About Spike" />, root);
    expect(shown('.estimate-level')).toEqual(['Unrated · estimated General']);
  });
});
