import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '../../core/model';
import { isWorkPage } from '../../core/model';
import { decide, findException, type AllowedBy, type Decision, type RatingSettings } from '../policy';
import { exceptionFor, type ExceptionKind } from '../settings';
import './decision-panel.css';

/** The reader's warning settings, as the panel reads and changes them (the popup wires src/warnings/ext/settings-storage.ts). */
export interface RatingServices {
  load(): Promise<RatingSettings>;
  /** Settings changed elsewhere; returns the unsubscribe. */
  watch(onChange: (settings: RatingSettings) => void): () => void;
  /** Always allow the report's story, author or site; resolves with the settings after. */
  allow(report: PageReport, kind: ExceptionKind): Promise<RatingSettings>;
  removeException(kind: ExceptionKind, key: string): Promise<RatingSettings>;
  openSettings(): Promise<void>;
}

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
export function DecisionPanel({ report, services }: { report: PageReport; services: RatingServices }) {
  const [settings, setSettings] = useState<RatingSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void services.load().then(setSettings);
    return services.watch(setSettings);
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

  return (
    <section
      class="gate-panel"
      data-gate={decision.gate ? 'covered' : decision.allowedBy ? 'allowed' : 'clear'}
      aria-label="Content warnings"
    >
      <DecisionBody report={report} settings={settings} decision={decision} busy={busy} run={run} services={services} />
      {error ? (
        <p class="gate-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" class="gate-settings-link" onClick={() => void services.openSettings()}>
        Warning settings
      </button>
    </section>
  );
}

interface BodyProps {
  report: PageReport;
  settings: RatingSettings;
  decision: Decision;
  busy: boolean;
  run(change: () => Promise<RatingSettings>): Promise<void>;
  services: RatingServices;
}

/**
 * The evidence behind the decision, closed under "Why?": the reasons' own, or on an unrated page
 * within the limits what its estimate found.
 */
function Evidence({ report, decision }: { report: PageReport; decision: Decision }) {
  const own = decision.reasons.flatMap((r) => r.why);
  const lines = own.length > 0 || report.rating.level !== 'unknown' ? own : (report.estimate?.reasons ?? []);
  if (lines.length === 0) return null;
  return (
    <details class="gate-why">
      <summary>Why?</summary>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </details>
  );
}

/** Why the page is covered or not (the reason that crossed the limit first), and the exception buttons that change it. */
function DecisionBody({ report, settings, decision, busy, run, services }: BodyProps) {
  const reasons = (
    <>
      {decision.reasons.length > 0 ? (
        <ul class="gate-reasons">
          {decision.reasons.map((r) => (
            <li key={r.text} data-kind={r.kind}>
              {r.text}
            </li>
          ))}
        </ul>
      ) : null}
      <Evidence report={report} decision={decision} />
    </>
  );

  if (decision.gate) {
    const options = (['stories', 'authors', 'sites'] as const).filter((k) => exceptionFor(report, k) !== null);
    return (
      <>
        <p class="gate-headline">Goes past your settings</p>
        {reasons}
        <div class="gate-allow" role="group" aria-label="Always allow">
          {options.map((kind) => (
            <button type="button" key={kind} data-allow={kind} disabled={busy} onClick={() => void run(() => services.allow(report, kind))}>
              {ALLOW_LABEL[kind]}
            </button>
          ))}
        </div>
      </>
    );
  }
  if (decision.allowedBy) {
    const exception = findException(report, settings);
    return (
      <>
        <p class="gate-headline">Not covered: {ALLOWED_TEXT[decision.allowedBy]}</p>
        {reasons}
        {exception ? (
          <button
            type="button"
            class="gate-revoke"
            disabled={busy}
            onClick={() => void run(() => services.removeException(KIND_OF[exception.by], exception.key))}
          >
            Stop allowing
          </button>
        ) : null}
      </>
    );
  }
  return (
    <>
      <p class="gate-headline">Nothing here goes past your settings.</p>
      {reasons}
    </>
  );
}

const ALLOW_LABEL: Record<ExceptionKind, string> = {
  stories: 'Always allow this story',
  authors: 'Always allow this author',
  sites: 'Always allow this site',
};
