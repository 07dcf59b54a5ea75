/**
 * The options page's Sites section: the archives Slipcase knows by itself, and the sites the
 * reader switched it on for, each with Remove, which gives the browser's access back; and the
 * reader's own rules for sites Slipcase misreads (./RulesSection.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { RulesSection, type RulesServices } from './RulesSection';
import type { RuleDraft } from '../rules/rule-form-address';

/** What the section needs; the options page wires it (src/entrypoints/options/OptionsApp.tsx). */
export interface SitesServices {
  userSites(): Promise<string[]>;
  watch(changed: (hosts: string[]) => void): () => void;
  /** Gives the host's access back; the background then stops Slipcase there. */
  remove(host: string): Promise<boolean>;
  /** How many archives the built-in rules know. */
  builtIn: number;
}

/** `ruleDraft`: the rule the popup's link or the rule picker opened the rule form with (its site, perhaps its selectors). */
export function SitesSection({
  services,
  rules,
  ruleDraft,
}: {
  services: SitesServices;
  rules: RulesServices;
  ruleDraft?: RuleDraft | null;
}) {
  const [hosts, setHosts] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void services.userSites().then(setHosts);
    return services.watch(setHosts);
  }, []);

  async function remove(host: string) {
    setProblem(null);
    const removed = await services.remove(host).catch(() => false);
    if (!removed) setProblem(`The browser kept Slipcase's access to ${host}; remove it in the browser's extension settings.`);
  }

  return (
    <section class="settings-section sites-section" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="intro">
        Slipcase knows {services.builtIn} archives by itself. On any other site it reads a page when you click it, and on the sites below on
        every visit: you switched it on there from its popup.
      </p>
      <div class="exceptions user-sites">
        <h3>Switched on by you</h3>
        {hosts === null ? null : hosts.length === 0 ? (
          <p class="hint">None yet. On a story page of another archive, open Slipcase and choose “Use Slipcase on” that site.</p>
        ) : (
          <ul>
            {hosts.map((host) => (
              <li key={host}>
                <span class="exception-name">{host}</span>
                <button type="button" onClick={() => void remove(host)} aria-label={`Remove ${host}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        {problem ? (
          <p class="hint" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <RulesSection services={rules} draft={ruleDraft} />
    </section>
  );
}
