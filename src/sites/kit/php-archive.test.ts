// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyInfo } from '../../core/model';
import { phpScript, readPhpPage } from './php-archive';

const doc = document.implementation.createHTMLDocument('');
const story = () => ({ ...emptyInfo('story'), title: 'T' });
const read = (url: string) => readPhpPage(doc, new URL(url), story).kind;

describe('PHP archive pages', () => {
  it('names the script a URL runs, in lower case', () => {
    expect(phpScript(new URL('https://a.example/fics/ViewStory.php?sid=1'))).toBe('viewstory.php');
    expect(phpScript(new URL('https://a.example/'))).toBe('');
  });

  it('reads a story only with its sid, lists the listing scripts, and nothing else', () => {
    expect(read('https://a.example/viewstory.php?sid=4&chapter=2')).toBe('story');
    expect(read('https://a.example/viewstory.php?chapter=2')).toBe('none');
    for (const s of [
      'browse.php?type=recent',
      'categories.php?catid=1',
      'search.php',
      'viewuser.php?uid=3',
      'series.php?seriesid=2',
      'toplists.php',
    ])
      expect(read(`https://a.example/${s}`)).toBe('listing');
    expect(read('https://a.example/index.php')).toBe('none');
  });
});
