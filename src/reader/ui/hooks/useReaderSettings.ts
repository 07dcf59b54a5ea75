/**
 * The reader's settings as shown: changed here at once and saved once the controls settle,
 * changed elsewhere (another tab, another browser) as they arrive, and the theme they resolve to
 * under the system's dark mode.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { resolveTheme, type ReaderSettings } from '../../settings';
import type { ReaderServices } from '../reader-services';

/** Sliders send many changes; storage.sync limits writes per minute. */
const SETTINGS_SAVE_DELAY_MS = 400;

export interface ReaderSettingsState {
  settings: ReaderSettings;
  changeSettings(next: ReaderSettings): void;
  theme: ReturnType<typeof resolveTheme>;
}

export function useReaderSettings(
  initial: ReaderSettings,
  services: Pick<ReaderServices, 'saveSettings' | 'watchSettings'>,
): ReaderSettingsState {
  const [settings, setSettings] = useState(initial);
  const prefersDark = usePrefersDark();
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => services.watchSettings((s) => setSettings((cur) => (JSON.stringify(cur) === JSON.stringify(s) ? cur : s))), []);

  const changeSettings = (next: ReaderSettings) => {
    setSettings(next);
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void services.saveSettings(next).catch(() => undefined), SETTINGS_SAVE_DELAY_MS);
  };
  return { settings, changeSettings, theme: resolveTheme(settings.theme, prefersDark) };
}

/** The system's dark mode, for the Auto theme. */
function usePrefersDark(): boolean {
  const [prefersDark, setPrefersDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setPrefersDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return prefersDark;
}
