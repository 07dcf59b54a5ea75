/**
 * The rule picker's extension side (src/sites/ui/picker/): the popup injects it into the tab, and
 * the background turns what the reader picked into the rule form, filled in, in a new tab. The
 * background stores nothing: the reader checks the form and saves it there.
 */
import { browser } from 'wxt/browser';
import { senderPage, type Handlers } from '../../core/ext/messaging';
import { validateRule } from '../rules/rule';
import { ruleFormAddress } from '../rules/rule-form-address';

const PICKER_SCRIPT = '/content-scripts/rule-picker.js';

/** Starts the picker in tab `tabId` (the popup's click granted activeTab); false when the browser refuses. */
export async function pickOnPage(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [PICKER_SCRIPT] });
    return true;
  } catch {
    return false;
  }
}

/** The host of the page a content script speaks for (its tab's top frame), or null. */
function senderHost(sender: Parameters<typeof senderPage>[0]): string | null {
  const page = senderPage(sender);
  return page && URL.canParse(page) ? new URL(page).hostname : null;
}

export const rulePickedHandlers: Handlers = {
  // A page's script cannot forge the picker's message, but a picker on one site must not name another's rule.
  'site-rule-picked': async ({ rule }, sender) => {
    if (senderHost(sender) !== rule.host || validateRule(rule).length) return false;
    await browser.tabs.create({ url: browser.runtime.getURL(ruleFormAddress(rule)) });
    return true;
  },
};
