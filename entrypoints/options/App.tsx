import { useEffect, useState } from 'preact/hooks';
import { RatingSettingsSection } from '../../components/gate/RatingSettingsSection';
import type { RatingSettings } from '../../utils/policy';
import type { ExceptionKind } from '../../utils/gate-settings';
import {
  loadExceptionLabels,
  loadRatingSettings,
  removeException,
  saveRatingSettings,
  watchRatingSettings,
} from '../../utils/ext/settings';

/** The options page: one section per part of Slipcase, each saving as it changes. */
export function App() {
  const [settings, setSettings] = useState<RatingSettings | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');

  useEffect(() => {
    void Promise.all([loadRatingSettings(), loadExceptionLabels()]).then(([s, l]) => {
      setSettings(s);
      setLabels(l);
    });
    return watchRatingSettings(setSettings);
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
    <main class="options" aria-busy={settings === null}>
      <header class="brand">
        <h1>Slipcase</h1>
        <p class="status" role="status">
          {status}
        </p>
      </header>
      {settings ? (
        <RatingSettingsSection settings={settings} labels={labels} onChange={change} onRemoveException={remove} />
      ) : (
        <p class="loading">Loading settings…</p>
      )}
    </main>
  );
}
