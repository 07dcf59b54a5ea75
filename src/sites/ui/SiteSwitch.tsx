/**
 * The popup's offer on a site no built-in rule covers: switch Slipcase on for that host, so the
 * badge, the warning before the page shows, the reader and saving work there on every visit.
 * When the generic reader took the page for a story, the offer says so.
 */
import { useEffect, useState } from 'preact/hooks';

/** What the switch needs; the popup wires it (src/entrypoints/popup/PopupApp.tsx). */
export interface SiteSwitchServices {
  /** The hosts switched on (src/sites/ext/user-sites.ts). */
  userSites(): Promise<string[]>;
  /** Asks the browser for the host; must run inside the reader's click. */
  request(host: string): Promise<boolean>;
}

type State = 'looking' | 'off' | 'asking' | 'refused' | 'on' | 'just-on';

export function SiteSwitch({ host, story, services }: { host: string; story: boolean; services: SiteSwitchServices }) {
  const [state, setState] = useState<State>('looking');

  useEffect(() => void services.userSites().then((hosts) => setState(hosts.includes(host) ? 'on' : 'off')), [host]);

  function switchOn() {
    setState('asking');
    // Called straight from the click: the browser only asks the reader inside one.
    services.request(host).then(
      (granted) => setState(granted ? 'just-on' : 'refused'),
      () => setState('refused'),
    );
  }

  if (state === 'looking') return null;
  if (state === 'on' || state === 'just-on')
    return (
      <section class="site-switch" data-state="on" aria-live="polite">
        <p class="detail">
          Slipcase runs on <strong>{host}</strong>
          {state === 'just-on' ? ' from the next page you open there.' : '.'}{' '}
          <a href="/options.html#sites" target="_blank" rel="noopener">
            Manage sites
          </a>
        </p>
      </section>
    );
  return (
    <section class="site-switch" data-state={state} aria-live="polite">
      <p class="detail">
        {story
          ? 'Slipcase has no rules for this archive, but read this page as a story.'
          : 'Slipcase has no rules for this site and runs here only when you click it.'}{' '}
        Switched on, it rates every page there on the toolbar, warns before a story shows, and reads and saves it, with no click.
      </p>
      <button type="button" class="site-switch-button" disabled={state === 'asking'} onClick={switchOn}>
        Use Slipcase on {host}
      </button>
      {state === 'refused' ? <p class="detail site-switch-refused">The browser did not give Slipcase access to {host}.</p> : null}
    </section>
  );
}
