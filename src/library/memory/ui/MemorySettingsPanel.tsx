import { useEffect, useState } from 'preact/hooks';
import type { MemorySettings } from '../memory-settings';

export interface MemorySettingsServices {
  load(): Promise<MemorySettings>;
  save(settings: MemorySettings): Promise<void>;
}

const SWITCHES: { key: keyof MemorySettings; label: string }[] = [
  { key: 'remember', label: 'Remember the stories I open, and how far I have read' },
  { key: 'marks', label: 'Mark the stories I know on archive listings (state, new chapters, saved)' },
];

/** The reading memory's switches. The memory stays on this machine, in the library. */
export function MemorySettingsPanel({ services }: { services: MemorySettingsServices }) {
  const [settings, setSettings] = useState<MemorySettings | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => void services.load().then(setSettings), [services]);
  if (!settings) return null;

  const toggle = (key: keyof MemorySettings, on: boolean) => {
    const next = { ...settings, [key]: on };
    setSettings(next);
    services.save(next).then(
      () => setStatus('Saved.'),
      (e: unknown) => setStatus(`Could not save: ${e instanceof Error ? e.message : String(e)}`),
    );
  };

  return (
    <section class="settings-section memory-settings" aria-labelledby="memory-settings-title">
      <h2 id="memory-settings-title">Reading memory</h2>
      <fieldset>
        <legend>Slipcase keeps this on this computer only</legend>
        {SWITCHES.map(({ key, label }) => (
          <label key={key} class="choice">
            <input type="checkbox" name={`memory-${key}`} checked={settings[key]} onChange={(e) => toggle(key, e.currentTarget.checked)} />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <p class="status" role="status">
        {status}
      </p>
    </section>
  );
}
