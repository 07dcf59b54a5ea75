/** Typography controls: theme, font, size, line height, width, justification. */
import { FONTS, LINE_HEIGHT, SIZE, THEMES, WIDTH, clampToRange, type ReaderSettings, type ThemeChoice } from '../settings';
import { trusted } from './trusted';

const SWATCH: Record<ThemeChoice, string> = {
  system: 'linear-gradient(135deg, #fbfaf6 50%, #1d1c1a 50%)',
  light: '#fbfaf6',
  sepia: '#f4ecd8',
  dark: '#1d1c1a',
  black: '#000000',
};

interface Props {
  settings: ReaderSettings;
  onChange(next: ReaderSettings): void;
}

export function SettingsPanel({ settings, onChange }: Props) {
  const set = <K extends keyof ReaderSettings>(key: K, value: ReaderSettings[K]) => onChange({ ...settings, [key]: value });

  return (
    <section class="panel settings" aria-label="Reading settings">
      <h2>Reading settings</h2>
      <fieldset class="setting">
        <legend>Theme</legend>
        <div class="choices">
          {THEMES.map((t) => (
            <button
              key={t.value}
              type="button"
              class="choice"
              data-theme-choice={t.value}
              aria-pressed={settings.theme === t.value}
              onClick={trusted(() => set('theme', t.value))}
            >
              <span class="swatch" style={{ background: SWATCH[t.value] }} aria-hidden="true" />
              {t.label}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset class="setting">
        <legend>Font</legend>
        <div class="choices">
          {FONTS.map((f) => (
            <button
              key={f.value}
              type="button"
              class="choice"
              data-font-choice={f.value}
              aria-pressed={settings.font === f.value}
              onClick={trusted(() => set('font', f.value))}
            >
              {f.label}
            </button>
          ))}
        </div>
      </fieldset>
      <SizeStepper size={settings.size} onSize={(size) => set('size', size)} />
      <LayoutSettings settings={settings} set={set} />
      <p class="hint">Kept for every story, and synced with your browser.</p>
    </section>
  );
}

/** Text size, a step at a time within its range. */
function SizeStepper({ size, onSize }: { size: number; onSize(size: number): void }) {
  const step = (delta: number) => onSize(clampToRange(size + delta, SIZE, size));
  return (
    <div class="setting">
      <span class="name" id="sc-size-name">
        Text size
      </span>
      <div class="stepper" role="group" aria-labelledby="sc-size-name">
        <button type="button" class="icon-button size-down" disabled={size <= SIZE.min} onClick={trusted(() => step(-SIZE.step))}>
          <span aria-hidden="true">A−</span>
          <span class="visually-hidden">Smaller text</span>
        </button>
        <output class="size-value" aria-live="polite">
          {size}px
        </output>
        <button type="button" class="icon-button size-up" disabled={size >= SIZE.max} onClick={trusted(() => step(SIZE.step))}>
          <span aria-hidden="true">A+</span>
          <span class="visually-hidden">Larger text</span>
        </button>
      </div>
    </div>
  );
}

/** Line height, line length and justification. */
function LayoutSettings({
  settings,
  set,
}: {
  settings: ReaderSettings;
  set<K extends keyof ReaderSettings>(key: K, value: ReaderSettings[K]): void;
}) {
  return (
    <>
      <div class="setting">
        <label for="sc-leading">Line height</label>
        <input
          id="sc-leading"
          type="range"
          min={LINE_HEIGHT.min}
          max={LINE_HEIGHT.max}
          step={LINE_HEIGHT.step}
          value={settings.lineHeight}
          aria-valuetext={settings.lineHeight.toFixed(1)}
          onInput={trusted((e) => set('lineHeight', clampToRange(Number(e.currentTarget.value), LINE_HEIGHT, settings.lineHeight)))}
        />
      </div>
      <div class="setting">
        <label for="sc-width">Line length</label>
        <input
          id="sc-width"
          type="range"
          min={WIDTH.min}
          max={WIDTH.max}
          step={WIDTH.step}
          value={settings.width}
          aria-valuetext={`${settings.width} characters`}
          onInput={trusted((e) => set('width', clampToRange(Number(e.currentTarget.value), WIDTH, settings.width)))}
        />
      </div>
      <div class="setting">
        <label for="sc-justify">Justify text</label>
        <input
          id="sc-justify"
          type="checkbox"
          checked={settings.justify}
          onChange={trusted((e) => set('justify', e.currentTarget.checked))}
        />
      </div>
    </>
  );
}
