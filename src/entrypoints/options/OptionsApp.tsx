import { useEffect, useState } from 'preact/hooks';
import { RatingSettingsSection } from '../../warnings/ui/RatingSettingsSection';
import { LibrarySection } from './LibrarySection';
import { SyncSection } from '../../library/dav/ui/SyncSection';
import { syncServices } from '../../library/dav/ext/dav-client';
import { SitesSection, type SitesServices } from '../../sites/ui/SitesSection';
import { removeSite, userSites, watchUserSites } from '../../sites/ext/user-sites';
import { siteRules, storeSiteRules, watchSiteRules } from '../../sites/ext/site-rules';
import type { RulesServices } from '../../sites/ui/RulesSection';
import { siteCatalogue } from '../../sites/catalogue';
import { ruleDraftOf } from '../../sites/rules/rule-form-address';
import type { RatingSettings } from '../../warnings/policy';
import type { ExceptionKind } from '../../warnings/settings';
import {
  loadExceptionLabels,
  loadRatingSettings,
  removeException,
  saveRatingSettings,
  watchRatingSettings,
} from '../../warnings/ext/settings-storage';

const SECTIONS = [
  { id: 'library', label: 'Library' },
  { id: 'warnings', label: 'Content warnings' },
  { id: 'sites', label: 'Sites' },
  { id: 'sync', label: 'Sync' },
] as const;
type Section = (typeof SECTIONS)[number]['id'];

const sitesServices: SitesServices = { userSites, watch: watchUserSites, remove: removeSite, builtIn: siteCatalogue([]).length };
const rulesServices: RulesServices = { rules: siteRules, watch: watchSiteRules, store: storeSiteRules };

/** The section an address names (options.html#warnings); the library when it names none. The rule form (#rules?host=…) is in Sites. */
const sectionOf = (hash: string): Section =>
  hash.startsWith('#rules') ? 'sites' : (SECTIONS.find((s) => `#${s.id}` === hash)?.id ?? 'library');

/** The options page: the library, and one section per part of Slipcase's settings, each saving as it changes. */
export function OptionsApp() {
  const [section, setSection] = useState<Section>(() => sectionOf(location.hash));
  const [settings, setSettings] = useState<RatingSettings | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');

  useEffect(() => {
    void Promise.all([loadRatingSettings(), loadExceptionLabels()]).then(([s, l]) => {
      setSettings(s);
      setLabels(l);
    });
    const onHash = () => setSection(sectionOf(location.hash));
    addEventListener('hashchange', onHash);
    const unwatch = watchRatingSettings(setSettings);
    return () => {
      removeEventListener('hashchange', onHash);
      unwatch();
    };
  }, []);

  async function save(write: () => Promise<unknown>) {
    try {
      await write();
      setStatus('Saved.');
    } catch (e) {
      setStatus(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const change = (next: RatingSettings) => {
    setSettings(next);
    void save(() => saveRatingSettings(next));
  };
  const remove = (kind: ExceptionKind, key: string) =>
    void save(async () => {
      setSettings(await removeException(kind, key));
      setLabels(await loadExceptionLabels());
    });

  return (
    <main class="options">
      <header class="brand">
        <h1>Slipcase</h1>
        <nav class="sections" aria-label="Sections">
          {SECTIONS.map((s) => (
            <a key={s.id} href={`#${s.id}`} class={`section-link section-${s.id}`} aria-current={section === s.id ? 'page' : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
        <p class="status" role="status">
          {section === 'warnings' ? status : ''}
        </p>
      </header>
      {section === 'library' ? (
        <LibrarySection />
      ) : section === 'sync' ? (
        <SyncSection services={syncServices} />
      ) : section === 'sites' ? (
        <SitesSection services={sitesServices} rules={rulesServices} ruleDraft={ruleDraftOf(location.hash)} />
      ) : settings ? (
        <RatingSettingsSection settings={settings} labels={labels} onChange={change} onRemoveException={remove} />
      ) : (
        <p class="loading" aria-busy="true">
          Loading settings…
        </p>
      )}
    </main>
  );
}
