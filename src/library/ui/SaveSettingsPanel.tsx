import { useEffect, useState } from 'preact/hooks';
import { RUN_KINDS, type SaveSettings } from '../save-settings';
import type { RunKind } from '../../sites/types';

export interface SaveSettingsServices {
  load(): Promise<SaveSettings>;
  save(settings: SaveSettings): Promise<void>;
}

/**
 * What saving takes of a forum thread: the threadmark categories it walks. At least one stays
 * ticked: a save that takes nothing would only look broken.
 */
export function SaveSettingsPanel({ services }: { services: SaveSettingsServices }) {
  const [settings, setSettings] = useState<SaveSettings | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => void services.load().then(setSettings), [services]);
  if (!settings) return null;

  const toggle = (kind: RunKind, on: boolean) => {
    const runs = RUN_KINDS.map((k) => k.kind).filter((k) => (k === kind ? on : settings.runs.includes(k)));
    if (!runs.length) return;
    const next = { runs };
    setSettings(next);
    services.save(next).then(
      () => setStatus('Saved.'),
      (e: unknown) => setStatus(`Could not save: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  return (
    <section class="settings-section save-settings" aria-labelledby="save-settings-title">
      <h2 id="save-settings-title">Saving forum threads</h2>
      <fieldset>
        <legend>On SpaceBattles, Sufficient Velocity and other XenForo forums, save these threadmarks</legend>
        {RUN_KINDS.map(({ kind, label }) => {
          const on = settings.runs.includes(kind);
          return (
            <label key={kind} class="choice">
              <input
                type="checkbox"
                name={`run-${kind}`}
                checked={on}
                disabled={on && settings.runs.length === 1}
                onChange={(e) => toggle(kind, e.currentTarget.checked)}
              />
              <span>{label}</span>
            </label>
          );
        })}
      </fieldset>
      <p class="hint">Replies are never saved. A thread saved before keeps its chapters; an update adds what these categories hold.</p>
      <p class="status" role="status">
        {status}
      </p>
    </section>
  );
}
