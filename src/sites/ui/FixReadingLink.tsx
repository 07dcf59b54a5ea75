/**
 * The popup's way to a site rule (src/sites/rules/): on a page no built-in adapter reads, a link
 * that opens the options page's rule form with the page's site filled in.
 */
import type { PageReport } from '../../core/model';
import { RULE_SITE } from '../rules/rule-adapter';

/** The options page's rule form for `host`. */
export const ruleFormAddress = (host: string): string => `/options.html#rules?host=${encodeURIComponent(host)}`;

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

export function FixReadingLink({ report }: { report: Pick<PageReport, 'url' | 'site'> }) {
  const host = fixableHost(report);
  if (!host) return null;
  return (
    <p class="fix-reading">
      <a class="fix-reading-link" href={ruleFormAddress(host)} target="_blank" rel="noopener">
        Fix how Slipcase reads {host}
      </a>
    </p>
  );
}
