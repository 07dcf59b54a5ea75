import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { $$ } from '../../core/dom';
import { storyKey } from '../../warnings/policy';
import { xenforo } from './xenforo';

const THREAD = 'https://forums.sufficientvelocity.com/threads/salt-and-iron.4242/';

function page(body: string, url: string, template = 'thread_view', xf = true) {
  const html = xf ? `<html id="XF" data-app="public" data-template="${template}">` : '<html>';
  return parseHtml(`${html}<head></head><body>${body}</body></html>`, url);
}

function read(body: string, url: string, template?: string) {
  return xenforo.read(page(body, url, template), new URL(url));
}

const HEADER = `<div class="p-title"><h1 class="p-title-value"><span class="label label--blue">Complete</span><span class="label-append">&nbsp;</span>Salt and Iron</h1></div>
  <div class="p-description"><ul><li><span class="u-srOnly">Thread starter</span><a class="username" href="/members/wren.9/">Wren</a></li></ul></div>
  <div class="menu"><a href="/threads/salt-and-iron.4242/threadmarks">View all 12 threadmarks</a></div>`;

function post(id: number, label: string | null, nav = '') {
  const mark = label
    ? `<div class="message-cell--threadmark-header"><span class="threadmarkLabel">${label}</span><ul class="threadmark-nav">${nav}</ul></div>`
    : '';
  return `<article class="message message--post${label ? ' hasThreadmark' : ''}" data-author="Wren" data-content="post-${id}" id="js-post-${id}">
    ${mark}<div class="message-body"><div class="bbWrapper">Post ${id} text.</div></div></article>`;
}

const NEXT = '<a class="threadmark-control threadmark-control--next" href="/threads/salt-and-iron.4242/page-2#post-12">Next</a>';
const PREV = '<a class="threadmark-control threadmark-control--previous" href="/threads/salt-and-iron.4242/#post-10">Prev</a>';

describe('xenforo claims', () => {
  const blank = page('', THREAD, 'thread_view', false);
  it.each([
    'https://forums.spacebattles.com/threads/my-great-story.555/reader/',
    'https://forums.sufficientvelocity.com/threads/x.1/threadmarks',
    'https://questionablequesting.com/threads/x.1/',
    'https://forum.questionablequesting.com/threads/x.1/',
    'https://www.alternatehistory.com/forum/threads/x.1/',
  ])('claims %s by host', (u) => expect(xenforo.claims(blank, new URL(u))).toBe(true));

  it('claims a XenForo threadmark page on another host', () => {
    const url = 'https://forums.example.org/threads/x.1/';
    expect(xenforo.claims(page(post(1, 'Chapter 1'), url), new URL(url))).toBe(true);
  });

  it('refuses XenForo pages without threadmarks, and threadmark-like markup outside XenForo', () => {
    const url = 'https://forums.example.org/threads/x.1/';
    expect(xenforo.claims(page(post(1, null), url), new URL(url))).toBe(false);
    expect(xenforo.claims(page(post(1, 'Chapter 1'), url, '', false), new URL(url))).toBe(false);
  });

  it.each([
    'https://spacebattles.com.evil.net/threads/x.1/',
    // Alternate History's board is its /forum/ folder; the rest of the site is not a forum.
    'https://www.alternatehistory.com/blog/threads/x.1/',
    'https://alternatehistory.com.evil.net/forum/threads/x.1/',
    'https://archiveofourown.org/works/1',
    'https://www.royalroad.com/fiction/1/x',
  ])('refuses %s', (u) => expect(xenforo.claims(blank, new URL(u))).toBe(false));
});

describe('xenforo read', () => {
  it('reads a thread page whose first threadmark is shown as chapter 1 of N', () => {
    const r = read(HEADER + post(10, '1. Salt', NEXT) + post(11, null), THREAD);
    expect(r.kind).toBe('chapter');
    expect(r.title).toBe('Salt and Iron');
    expect(r.author).toBe('Wren');
    expect(r.chapter).toEqual({ index: 1, count: 12, title: '1. Salt' });
    expect(r.rating).toEqual({ level: 'unknown', label: null, source: 'none' });
  });

  it('reads the threadmark the URL points at, whose position the page does not give', () => {
    const url = 'https://forums.sufficientvelocity.com/threads/salt-and-iron.4242/page-2#post-12';
    const r = read(HEADER + post(10, '1. Salt', NEXT) + post(11, null) + post(12, '2. Iron', PREV + NEXT), url);
    expect(r.kind).toBe('chapter');
    expect(r.chapter).toBeNull();
  });

  it('calls a thread with a single threadmark a story', () => {
    const one = HEADER.replace('View all 12 threadmarks', 'View all 1 threadmarks');
    const r = read(one + post(10, 'One-shot', '<a class="threadmark-control threadmark-control--next" href="#">x</a>'), THREAD);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
  });

  it('calls a discussion page without threadmarked posts none', () => {
    expect(read(HEADER + post(40, null) + post(41, null), `${THREAD}page-7`).kind).toBe('none');
  });

  it('reads reader mode as the story text', () => {
    const url = `${THREAD}reader/page-2`;
    const r = read(HEADER + post(10, '1. Salt') + post(12, '2. Iron'), url);
    expect(r.kind).toBe('story');
    expect(r.chapter).toBeNull();
    expect(r.title).toBe('Salt and Iron');
  });

  it('reads the threadmark list as the index, with its stated word count', () => {
    const url = `${THREAD}threadmarks`;
    const body = `<ul class="p-breadcrumbs"><li><a href="/forums/worm.115/">Worm</a></li><li><a href="/threads/salt-and-iron.4242/">Salt and Iron</a></li></ul>
      <h1 class="p-title-value">Salt and Iron - Threadmarks</h1>
      <h2 class="block-formSectionHeader">Statistics (12 threadmarks, 1.5k words)</h2>
      <div class="structItem structItem--threadmark" data-content-author="Wren"><a href="/threads/salt-and-iron.4242/#post-10">1. Salt</a></div>`;
    const r = read(body, url, 'svThreadmarks_threadmark_list');
    expect(r.kind).toBe('index');
    expect(r.title).toBe('Salt and Iron');
    expect(r.author).toBe('Wren');
    expect(r.words).toBe(1500);
  });

  it('reads error and login pages', () => {
    expect(read('<div class="blockMessage">The requested thread could not be found.</div>', THREAD, 'error').kind).toBe('error');
    expect(read('<form action="/login/login"></form>', THREAD, 'login').kind).toBe('gate');
  });

  it.each([
    ['https://forums.spacebattles.com/forums/worm.115/', 'listing'],
    ['https://forums.spacebattles.com/whats-new/threadmarks/', 'listing'],
    ['https://forums.spacebattles.com/members/wren.9/', 'none'],
    ['https://www.alternatehistory.com/forum/forums/before-1900.9/', 'listing'],
    ['https://www.alternatehistory.com/forum/whats-new/', 'listing'],
  ])('%s is %s', (u, kind) => expect(read('<p>x</p>', u, 'forum_view').kind).toBe(kind));
});

describe('xenforo forum lists', () => {
  const url = 'https://forums.spacebattles.com/forums/creative-writing.18/';
  const doc = parseHtml(readFileSync(join(import.meta.dirname, 'pages/spacebattles-forum-creative-writing.html'), 'utf8'), url);
  const entries = $$(doc, xenforo.blurbs!.selector).map((el) => xenforo.blurbs!.read(el, new URL(url)));

  it('reads each thread’s address, title, starter and threadmark count, past its prefix label', () => {
    expect(entries.map((b) => [b?.url, b?.info.title, b?.info.author, b?.posted])).toEqual([
      ['https://forums.spacebattles.com/threads/my-great-story.1234/', 'My Great Story', 'Great Author', 81],
      ['https://forums.spacebattles.com/threads/the-cartographers-apprentice.118204/', 'The Cartographer’s Apprentice', 'inkwell', 45],
      ['https://forums.spacebattles.com/threads/salt-and-circuitry.20517/', 'Salt and Circuitry', 'relay', 12],
      ['https://forums.spacebattles.com/threads/discussion-favourite-ships.99001/', 'Discussion: favourite ships', 'harbourmaster', null],
    ]);
  });

  it('gives an entry the key its thread’s pages report', () => {
    const key = (u: string) => storyKey({ url: u, site: 'xenforo', title: 'x', author: null });
    expect(key(entries[0]!.url!)).toBe(key('https://forums.spacebattles.com/threads/my-great-story.1234/reader/page-2'));
    expect(key(entries[0]!.url!)).toBe(key('https://forums.spacebattles.com/threads/my-great-story.1234/threadmarks'));
  });
});
