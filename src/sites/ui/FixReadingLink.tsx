/**
 * The popup's way to a site rule (src/sites/rules/): on a page no built-in adapter reads, a link
 * that opens the options page's rule form with the page's site filled in, and a button that lets
 * the reader pick the story's parts on the page itself (./picker/).
 */
import { useState } from 'preact/hooks';
import type { PageReport } from '../../core/model';
import { RULE_SITE } from '../rules/rule-adapter';
import { ruleFormAddress } from '../rules/rule-form-address';

/** The page's host where a reader's rule could read it: a web page read by the generic adapter or by a rule. */
function fixableHost(report: Pick<PageReport, 'url' | 'site'>): string | null {
  if (report.site !== 'generic' && report.site !== RULE_SITE.id) return null;
  try {
    const url = new URL(report.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : null;
  } catch {
    return null;
  }
}

/** `pick` starts the picker in the page; false when the browser does not let it run there. */
export function FixReadingLink({ report, pick }: { report: Pick<PageReport, 'url' | 'site'>; pick?: () => Promise<boolean> }) {
  const [refused, setRefused] = useState(false);
  const host = fixableHost(report);
  if (!host) return null;

  async function pickOnPage() {
    // The picker is on the page now: the popup closes so the reader can click there.
    if (await pick!()) window.close();
    else setRefused(true);
  }

  return (
    <p class="fix-reading">
      <a class="fix-reading-link" href={ruleFormAddress({ host })} target="_blank" rel="noopener">
        Fix how Slipcase reads {host}
      </a>
      {pick ? (
        <button type="button" class="pick-on-page" onClick={() => void pickOnPage()}>
          Pick on the page
        </button>
      ) : null}
      {refused ? <span class="detail pick-refused">The browser does not let Slipcase pick on this page.</span> : null}
    </p>
  );
}
