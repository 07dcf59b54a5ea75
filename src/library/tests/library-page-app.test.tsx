// @vitest-environment jsdom
/**
 * The options page's two sections: the library first, the content-warning settings at #warnings,
 * each reachable by its address and by the section links. The library opens on a fake IndexedDB
 * in place of the extension's, and the background does not answer.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../entrypoints/options/OptionsApp';
import { saveStory } from '../db/save';
import { freshLibrary, makeStory, seeded } from './library-fixtures';
import { until } from '../../../tests/lib/ui';
import { cards } from './library-page-helpers';

const library = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('../ext/library-db', () => ({ libraryDb: async () => library.db }));
vi.mock('../ext/client', () => ({
  askLibrary: async () => ({ ok: false, error: 'Slipcase did not answer.' }),
  watchLibrary: () => () => {},
}));

let root: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  const db = await freshLibrary();
  await saveStory(db, makeStory(seeded(3), 42), window as Window & typeof globalThis);
  library.db = db;
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  location.hash = '';
});

const heading = () => root.querySelector('h2')?.textContent;
const current = () => root.querySelector('.sections [aria-current="page"]')?.textContent;

describe('options page sections', () => {
  it('opens on the library, with its stories', async () => {
    render(<OptionsApp />, root);
    await until(() => cards(root).length === 1, 'the library’s one story');
    expect(heading()).toBe('Library');
    expect(current()).toBe('Library');
  });

  it('opens the content-warning settings at #warnings, and follows the section links (library, sites)', async () => {
    location.hash = '#warnings';
    render(<OptionsApp />, root);
    await until(() => heading() === 'Content warnings', 'the content-warning settings');
    expect(current()).toBe('Content warnings');
    expect(root.querySelector('input[name="limit"]')).not.toBeNull();

    await act(() => {
      location.hash = '#library';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await until(() => cards(root).length === 1, 'the library’s one story');
    expect(heading()).toBe('Library');
    expect(Array.from(root.querySelectorAll('.sections a'), (a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Library', '#library'],
      ['Content warnings', '#warnings'],
      ['Sites', '#sites'],
      ['Sync', '#sync'],
    ]);

    await act(() => {
      location.hash = '#sites';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await until(() => heading() === 'Sites', 'the sites section');
    expect(current()).toBe('Sites');
    await until(() => root.querySelector('.user-sites .hint') !== null, 'the empty list of switched-on sites');
  });
});
