// @vitest-environment jsdom
/**
 * The rule form as the rule picker opens it (options.html#rules?host=…&content=…): filled in from
 * the address, judged as typed values are, stored only when the reader saves it.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RulesSection, type RulesServices } from '../ui/RulesSection';
import { ruleDraftOf, ruleFormAddress, type RuleDraft } from '../rules/rule-form-address';
import type { SiteRule } from '../rules/rule';
import { click, settle } from '../../../tests/lib/ui';

const PICKED: RuleDraft = { host: 'www.quillcorner.net', content: 'font.ficbody', title: 'div.ficname', next: 'a.fwd' };

let container: HTMLElement;
let stored: SiteRule[][];
const services: RulesServices = {
  rules: () => Promise.resolve([]),
  watch: () => () => undefined,
  store: (rules) => {
    stored.push(rules);
    return Promise.resolve();
  },
};
const value = (field: string) => container.querySelector<HTMLInputElement>(`#rule-${field}`)!.value;

async function open(hash: string) {
  await act(() => render(<RulesSection services={services} draft={ruleDraftOf(hash)} />, container));
  await settle();
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  stored = [];
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('the rule form opened with a picked rule', () => {
  it('round-trips the picked selectors through the address, special characters too', () => {
    const odd: RuleDraft = { host: 'fics.example.org', content: '#ch\\:1 > p.a&b', rating: 'span[title="R #2"]' };
    for (const draft of [PICKED, odd, { host: 'fics.example.org' }]) {
      const address = ruleFormAddress(draft);
      expect(address.startsWith('/options.html#rules?')).toBe(true);
      expect(ruleDraftOf(address.slice('/options.html'.length))).toEqual(draft);
    }
    expect(ruleDraftOf('#library')).toBeNull();
  });

  it('fills the fields and stores nothing until Save', async () => {
    await open(ruleFormAddress(PICKED).slice('/options.html'.length));
    expect([value('host'), value('path'), value('content'), value('title'), value('next'), value('rating')]).toEqual([
      'www.quillcorner.net',
      '/',
      'font.ficbody',
      'div.ficname',
      'a.fwd',
      '',
    ]);
    expect(stored).toEqual([]);
    await click(container.querySelector('.rule-save'));
    await settle();
    expect(stored).toEqual([[{ host: 'www.quillcorner.net', path: '/', content: 'font.ficbody', title: 'div.ficname', next: 'a.fwd' }]]);
  });

  it('judges a forged address’s selectors as typed ones', async () => {
    await open('#rules?host=www.quillcorner.net&content=..ficbody&title=%3Cscript%3E');
    expect(value('content')).toBe('..ficbody');
    await click(container.querySelector('.rule-save'));
    await settle();
    expect(container.querySelector('#rule-content-error')?.textContent).toContain('not a CSS selector');
    expect(stored).toEqual([]);
  });
});
