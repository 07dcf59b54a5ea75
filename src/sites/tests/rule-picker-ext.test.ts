// @vitest-environment jsdom
/**
 * The background's side of the rule picker: what a picker on a page sends opens the rule form
 * filled in, only for a rule of the sender's own site, only when its selectors are sound; nothing
 * is stored.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handle } from '../../core/ext/messaging';
import { rulePickedHandlers } from '../ext/rule-picker';
import { siteRules } from '../ext/site-rules';
import { ruleDraftOf } from '../rules/rule-form-address';

const PAGE = 'http://www.quillcorner.net/fics/story.php?sid=88';
const rule = { host: 'www.quillcorner.net', content: 'font.ficbody', title: 'div.ficname', rating: 'span.fic-rating' };
const message = { type: 'site-rule-picked', rule };
/** The picker in the top frame of tab 4, on a page of the rule's site. */
const PICKER = { id: fakeBrowser.runtime.id, url: PAGE, tab: { id: 4, url: PAGE }, frameId: 0 };

const deliver = async (raw: unknown, sender: object) => (await fakeBrowser.runtime.onMessage.trigger(raw, sender, () => undefined))[0];
let opened: string[];

beforeEach(() => {
  fakeBrowser.reset();
  opened = [];
  vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async ({ url }) => {
    opened.push(url!);
    return { id: 9 } as never;
  });
  handle(rulePickedHandlers);
});

describe('site-rule-picked', () => {
  it('opens the rule form filled with what was picked, and stores nothing', async () => {
    expect(await deliver(message, PICKER)).toBe(true);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(url.href.startsWith(fakeBrowser.runtime.getURL('/options.html#rules?'))).toBe(true);
    expect(ruleDraftOf(url.hash)).toEqual(rule);
    expect(await siteRules()).toEqual([]);
  });

  it('refuses a rule for another site, and senders that do not speak for a tab of it', async () => {
    const elsewhere = 'https://fics.example.org/story/1';
    for (const sender of [
      { ...PICKER, url: elsewhere, tab: { id: 4, url: elsewhere } },
      // A frame inside the page, a web page, another extension, an extension page.
      { ...PICKER, frameId: 3 },
      { url: PAGE, tab: { id: 4, url: PAGE }, frameId: 0 },
      { ...PICKER, id: 'other-extension' },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') },
    ])
      expect(await deliver(message, sender), JSON.stringify(sender)).not.toBe(true);
    expect(await deliver({ ...message, rule: { ...rule, host: 'fics.example.org' } }, PICKER)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('refuses selectors that are not sound, and messages of the wrong shape', async () => {
    for (const bad of [{ content: '..ficbody' }, { content: '' }, { title: 'x'.repeat(400) }, { next: 'a > > b' }])
      expect(await deliver({ ...message, rule: { ...rule, ...bad } }, PICKER), JSON.stringify(bad)).toBe(false);
    for (const malformed of [
      { ...message, rule: { ...rule, content: 42 } },
      { ...message, rule: { ...rule, script: 'x' } },
    ])
      expect(await deliver(malformed, PICKER)).toBeUndefined();
    expect(opened).toEqual([]);
  });
});
