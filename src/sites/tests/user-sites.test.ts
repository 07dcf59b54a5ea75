import { describe, expect, it } from 'vitest';
import { hostOfScript, hostPattern, normalizeUserSites, scriptId, switchableHost } from '../user-sites';

describe('the host a reader may switch Slipcase on for', () => {
  it('is the host of a web page no built-in rule covers', () => {
    expect(switchableHost('https://www.lanternarchive.example/stories/12/chapter-3')).toBe('www.lanternarchive.example');
    expect(switchableHost('http://Moonlit-Crypt.example.net/fic.php?id=4')).toBe('moonlit-crypt.example.net');
  });

  it('is none on built-in archives, their family hosts and subdomains', () => {
    for (const url of [
      'https://archiveofourown.org/works/1',
      'https://www.fanfiction.net/s/1/1/',
      'https://ember.dreamwidth.org/123.html',
      'https://forum.questionablequesting.com/threads/x.1/',
      'https://www.alternatehistory.com/forum/threads/x.1/',
    ])
      expect(switchableHost(url)).toBeNull();
  });

  it('is none for pages that are not on a named web host', () => {
    for (const url of [
      'about:blank',
      'file:///home/r/story.html',
      'http://127.0.0.1:8080/s',
      'http://localhost/s',
      'chrome://extensions',
      '',
      null,
    ])
      expect(switchableHost(url)).toBeNull();
  });

  it('is served by one pattern and one script id a host', () => {
    expect(hostPattern('www.lanternarchive.example')).toBe('*://www.lanternarchive.example/*');
    expect(hostOfScript(scriptId('www.lanternarchive.example'))).toBe('www.lanternarchive.example');
    expect(hostOfScript('slipcase-other')).toBeNull();
  });
});

describe('the stored list of switched-on sites', () => {
  it('keeps named hosts once each, sorted, and drops anything else', () => {
    expect(normalizeUserSites(['b.example', 'A.example', 'b.example', 42, '*.evil', 'no spaces.example', ''])).toEqual([
      'a.example',
      'b.example',
    ]);
    expect(normalizeUserSites({ hosts: ['a.example'] })).toEqual([]);
    expect(normalizeUserSites(undefined)).toEqual([]);
  });
});
