/**
 * The interstitial over a gated page, as the gate's lazy part shows it (./gate-more.ts): the
 * always-on script only asks for it, and this does the rest.
 */
import type { PageJudgement } from '../judge';
import { buildInterstitial, mountInterstitial } from '../ui/interstitial';
import { send } from '../../core/ext/send';

/**
 * Shows the interstitial for `judgement`; `show` lifts it and the cover. Only a page the gate read
 * itself offers "Always allow this story" (`canAllow`). Returns what takes the interstitial away.
 */
export function showInterstitial(judgement: PageJudgement, canAllow: boolean, show: () => void): () => void {
  const host = buildInterstitial(document, judgement.report, judgement.decision, {
    show,
    allowStory: canAllow
      ? async () => {
          // The background writes the exception, for this tab's own story only.
          const { url, site, title, author } = judgement.report;
          if (!(await send({ type: 'rating-allow', page: { url, site, title, author } }))) throw new Error('Slipcase did not accept it.');
          show();
        }
      : null,
    back: goBack,
  });
  return mountInterstitial(document, host);
}

/** Back where the reader came from; a tab opened on this page goes to the site's front page. */
function goBack(): void {
  if (history.length > 1) history.back();
  else location.assign(new URL('/', location.href).href);
}
