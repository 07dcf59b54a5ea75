/**
 * The always-on script of one site definition (generated per site by scripts/site-scripts.ts):
 * the gate with that site alone, its decisions made in the background, the rest of the gate
 * loaded only when a page needs it.
 */
import type { PageReport } from '../../core/model';
import type { SitePages } from '../../sites/types';
import { gatePage } from './page-gate';
import { loadGateMore } from './gate-more';
import { judgeInBackground } from './gate-judge';
import { siteCover } from '../early-cover';
import { coverByManifest } from '../ui/live-cover';

/** The manifest runs it only on the site's own hosts, where the site claims every page (src/sites/registry.test.ts). */
export function gateSite(site: SitePages): Promise<PageReport> {
  // The manifest's style covers the site's pages, however late the script starts (Firefox runs it
  // in the tabs already open when Slipcase is installed): it always gates, and lifts the cover.
  return gatePage({
    cover: () => coverByManifest(document, siteCover(site)),
    pick: () => site,
    judge: judgeInBackground,
    more: loadGateMore,
  });
}
