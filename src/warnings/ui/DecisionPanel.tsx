import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '../../core/model';
import { isWorkPage } from '../../core/model';
import { decide, findException, type AllowedBy, type RatingSettings } from '../policy';
import { exceptionFor, type ExceptionKind } from '../settings';
import { allow, loadRatingSettings, openSettings, removeException, watchRatingSettings } from '../ext/settings-storage';
import './decision-panel.css';

const KIND_OF: Record<AllowedBy, ExceptionKind> = { story: 'stories', author: 'authors', site: 'sites' };

const ALLOWED_TEXT: Record<AllowedBy, string> = {
  story: 'you always allow this story.',
  author: 'you always allow this author.',
  site: 'you always allow this site.',
};

/**
 * The rating gate in the popup: the same decision as the page and the badge (decide() on the
 * report the content script made, which carries an unrated work's estimate), and the one-click
 * "always allow" for this story, author or site, or taking an exception back. Nothing on pages
 * that are not a work.
 */
export function DecisionPanel({ report }: { report: PageReport }) {
  const [settings, setSettings] = useState<RatingSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadRatingSettings().then(setSettings);
    return watchRatingSettings(setSettings);
  }, []);

  if (!settings || !isWorkPage(report.kind)) return null;
  const decision = decide(report, settings);

  async function run(change: () => Promise<RatingSettings>) {
    setBusy(true);
    setError(null);
    try {
      setSettings(await change());
    } catch (e) {
      setError(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const reasons =
    decision.reasons.length > 0 ? (
      <ul class="gate-reasons">
        {decision.reasons.map((r) => (
          <li key={r.text} data-kind={r.kind}>
            {r.text}
          </li>
        ))}
      </ul>
    ) : null;

  let body;
  if (decision.gate) {
    const options = (['stories', 'authors', 'sites'] as const).filter((k) => exceptionFor(report, k) !== null);
    body = (
      <>
        <p class="gate-headline">Goes past your settings</p>
        {reasons}
        <div class="gate-allow" role="group" aria-label="Always allow">
          {options.map((kind) => (
            <button type="button" key={kind} data-allow={kind} disabled={busy} onClick={() => void run(() => allow(report, kind))}>
              {ALLOW_LABEL[kind]}
            </button>
          ))}
        </div>
      </>
    );
  } else if (decision.allowedBy) {
    const exception = findException(report, settings);
    body = (
      <>
        <p class="gate-headline">Not covered: {ALLOWED_TEXT[decision.allowedBy]}</p>
        {reasons}
        {exception ? (
          <button type="button" class="gate-revoke" disabled={busy} onClick={() => void run(() => removeException(KIND_OF[exception.by], exception.key))}>
            Stop allowing
          </button>
        ) : null}
      </>
    );
  } else {
    body = <p class="gate-headline">Nothing here goes past your settings.</p>;
  }

  return (
    <section class="gate-panel" data-gate={decision.gate ? 'covered' : decision.allowedBy ? 'allowed' : 'clear'} aria-label="Content warnings">
      {body}
      {error ? (
        <p class="gate-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" class="gate-settings-link" onClick={() => void openSettings()}>
        Warning settings
      </button>
    </section>
  );
}

const ALLOW_LABEL: Record<ExceptionKind, string> = {
  stories: 'Always allow this story',
  authors: 'Always allow this author',
  sites: 'Always allow this site',
};
