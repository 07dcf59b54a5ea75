import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { readFullPage } from '../../reader/view';
import { adapterFor, siteName } from '../registry';
import { useSiteRules } from './active';
import { MAX_RULES, MAX_SELECTOR, mergeRules, normalizeRules, validateRule, type SiteRule } from './rule';
import { ruleAdapter } from './rule-adapter';

const URL_ = 'http://www.quillcorner.net/fics/story.php?sid=88&chapter=2';
const html = readFileSync(join(import.meta.dirname, 'fixtures', 'quill-corner-salt-road.html'), 'utf8');
const page = () => parseHtml(html, URL_);
const blank = () => parseHtml('<p>x</p>', 'https://example.org/');

const RULE: SiteRule = {
  host: 'www.quillcorner.net',
  path: '/fics/',
  content: '.ficbody',
  title: '.ficname',
  next: 'a.fwd',
  rating: '.fic-rating',
};

afterEach(() => useSiteRules([]));

describe('validateRule', () => {
  it('accepts a rule with a host, a path and selectors that parse', () => {
    expect(validateRule(RULE, blank())).toEqual([]);
  });

  it('names each field that is wrong', () => {
    const bad = { host: 'https://x.org/', path: 'fics', content: '', title: 'div[', next: 'a'.repeat(MAX_SELECTOR + 1) };
    expect(validateRule(bad, blank()).map((p) => p.field)).toEqual(['host', 'path', 'content', 'title', 'next']);
  });
});

describe('normalizeRules', () => {
  it('keeps valid rules, trimmed, one per host and path, the later winning', () => {
    const later = { ...RULE, title: 'h2.story' };
    expect(normalizeRules([{ ...RULE, host: ' WWW.QuillCorner.net ' }, later], blank())).toEqual([later]);
  });

  it('drops hostile and malformed entries', () => {
    const raw = [
      null,
      'rule',
      [RULE],
      { ...RULE, content: 'p:not(' },
      { ...RULE, content: 'p'.repeat(10_000) },
      { ...RULE, title: 42 },
      { ...RULE, host: 'evil.org/<script>' },
      { ...RULE, host: { toString: () => 'x.org' } },
      { ...RULE, host: 'ok.example.org' },
    ];
    expect(normalizeRules(raw, blank()).map((r) => r.host)).toEqual(['ok.example.org']);
    expect(normalizeRules({ rules: [RULE] }, blank())).toEqual([]);
  });

  it('keeps at most MAX_RULES', () => {
    const many = Array.from({ length: MAX_RULES + 20 }, (_, i) => ({ ...RULE, host: `s${i}.example.org` }));
    expect(normalizeRules(many, blank())).toHaveLength(MAX_RULES);
  });

  it('merges: an incoming rule replaces the one for the same host and path', () => {
    const other = { ...RULE, host: 'b.example.org' };
    const incoming = { ...RULE, title: 'h1' };
    expect(mergeRules([RULE, other], [incoming])).toEqual([other, incoming]);
  });
});

describe('a reader rule on a page the generic adapter misreads', () => {
  it('without the rule, the generic adapter misses the story', () => {
    const r = readFullPage(page(), URL_, { content: true });
    expect(r.site).toBe('generic');
    expect(r.kind).not.toMatch(/story|chapter/);
    expect(r.title).not.toBe('The Salt Road');
  });

  it('with it, the registry picks the rule and reads kind, title, rating, text and next link', () => {
    useSiteRules([RULE]);
    const doc = page();
    const adapter = adapterFor(doc, new URL(URL_));
    expect(adapter.id).toBe('rule');
    expect(siteName(adapter.id)).toBe('Your site rule');
    expect(adapter.nav(doc, new URL(URL_)).next).toBe('http://www.quillcorner.net/fics/story.php?sid=88&chapter=3');
    const r = readFullPage(doc, URL_, { content: true });
    expect({ kind: r.kind, title: r.title, rating: r.rating }).toEqual({
      kind: 'chapter',
      title: 'The Salt Road',
      rating: { level: 'mature', label: 'Mature', source: 'site' },
    });
    expect(r.content?.text).toMatch(/^The salt road ran along the cliff/);
    expect(r.content?.text).toMatch(/white and then nothing and then white again\.$/);
    expect(r.content?.text).not.toContain('Review by');
  });

  it('claims its host and path only', () => {
    const a = ruleAdapter(RULE);
    const doc = page();
    expect(a.claims(doc, new URL(URL_))).toBe(true);
    expect(a.claims(doc, new URL('http://www.quillcorner.net/forum/1'))).toBe(false);
    expect(a.claims(doc, new URL('http://quillcorner.net/fics/story.php'))).toBe(false);
    expect(a.claims(doc, new URL('http://www.quillcorner.net.evil.org/fics/'))).toBe(false);
  });

  it('an unmapped rating label stays unknown with its words', () => {
    const doc = parseHtml(html.replace('>Mature<', '>Tous publics sauf lundi<'), URL_);
    expect(ruleAdapter(RULE).read(doc, new URL(URL_)).rating).toEqual({
      level: 'unknown',
      label: 'Tous publics sauf lundi',
      source: 'site',
    });
  });

  it('where the content selector finds nothing, the generic guess stands', () => {
    const doc = page();
    const rule = ruleAdapter({ ...RULE, content: '.no-such-thing' });
    expect(rule.read(doc, new URL(URL_))).toEqual(adapterFor(doc, new URL(URL_)).read(doc, new URL(URL_)));
    expect(rule.extract(doc, new URL(URL_))).toBeNull();
  });

  it('a selector the browser cannot parse finds nothing instead of throwing', () => {
    const doc = page();
    const rule = ruleAdapter({ ...RULE, content: 'p:not(', next: '[[' });
    expect(() => rule.read(doc, new URL(URL_))).not.toThrow();
    expect(rule.extract(doc, new URL(URL_))).toBeNull();
  });
});
