/**
 * The reader's typography and read-aloud settings: types, defaults and validation. Settings come
 * back from storage.sync, which another device (or an older version) may have written, so every
 * value is checked and clamped before the reader uses it.
 */

export type ThemeChoice = 'system' | 'light' | 'sepia' | 'dark' | 'black';
/** The theme actually shown once "system" is resolved. */
export type Theme = Exclude<ThemeChoice, 'system'>;
export type FontChoice = 'serif' | 'sans' | 'dyslexic' | 'system';

export interface ReaderSettings {
  theme: ThemeChoice;
  font: FontChoice;
  /** Text size in CSS pixels. */
  size: number;
  /** Unitless line height. */
  lineHeight: number;
  /** Line length in `ch`: the text column's maximum width. */
  width: number;
  justify: boolean;
  /** SpeechSynthesisVoice.voiceURI, or null for the browser's default voice. */
  voice: string | null;
  /** Speech rate, 1 = normal. */
  rate: number;
}

export const THEMES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Auto' },
  { value: 'light', label: 'Light' },
  { value: 'sepia', label: 'Sepia' },
  { value: 'dark', label: 'Dark' },
  { value: 'black', label: 'Black' },
];

export const FONTS: readonly { value: FontChoice; label: string }[] = [
  { value: 'serif', label: 'Serif' },
  { value: 'sans', label: 'Sans' },
  { value: 'dyslexic', label: 'OpenDyslexic' },
  { value: 'system', label: 'System' },
];

/**
 * The bundled dyslexia-friendly font: OpenDyslexic (SIL OFL 1.1) from @fontsource/opendyslexic.
 * wxt.config.ts copies these files (and the licence) into the extension.
 */
export const DYSLEXIC_FONT = {
  family: 'Slipcase OpenDyslexic',
  licence: 'fonts/OpenDyslexic-OFL.txt',
  faces: [
    { file: 'fonts/opendyslexic-400-normal.woff2', weight: '400', style: 'normal' },
    { file: 'fonts/opendyslexic-400-italic.woff2', weight: '400', style: 'italic' },
    { file: 'fonts/opendyslexic-700-normal.woff2', weight: '700', style: 'normal' },
    { file: 'fonts/opendyslexic-700-italic.woff2', weight: '700', style: 'italic' },
  ],
} as const;

interface Range {
  min: number;
  max: number;
  step: number;
}

export const SIZE: Range = { min: 14, max: 32, step: 1 };
export const LINE_HEIGHT: Range = { min: 1.2, max: 2.2, step: 0.1 };
export const WIDTH: Range = { min: 40, max: 100, step: 5 };
export const RATE: Range = { min: 0.5, max: 2, step: 0.1 };

export const DEFAULT_READER_SETTINGS: Readonly<ReaderSettings> = /* @__PURE__ */ Object.freeze({
  theme: 'system',
  font: 'serif',
  size: 19,
  lineHeight: 1.6,
  width: 65,
  justify: false,
  voice: null,
  rate: 1,
});

function oneOf<T extends string>(value: unknown, options: readonly { value: T }[], fallback: T): T {
  return options.some((o) => o.value === value) ? (value as T) : fallback;
}

/** A number inside the range, rounded to its step; the fallback for anything that is not a number. */
export function clampToRange(value: unknown, range: Range, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const clamped = Math.min(range.max, Math.max(range.min, value));
  const steps = Math.round((clamped - range.min) / range.step);
  // Rounded to the step's decimals so 1.2 + 4 × 0.1 is 1.6, not 1.6000000000000003.
  const decimals = (String(range.step).split('.')[1] ?? '').length;
  return Number((range.min + steps * range.step).toFixed(decimals));
}

/** Settings from storage (anything at all) made valid: unknown or broken fields take the default. */
export function normalizeSettings(stored: unknown): ReaderSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const d = DEFAULT_READER_SETTINGS;
  return {
    theme: oneOf(s.theme, THEMES, d.theme),
    font: oneOf(s.font, FONTS, d.font),
    size: clampToRange(s.size, SIZE, d.size),
    lineHeight: clampToRange(s.lineHeight, LINE_HEIGHT, d.lineHeight),
    width: clampToRange(s.width, WIDTH, d.width),
    justify: typeof s.justify === 'boolean' ? s.justify : d.justify,
    voice: typeof s.voice === 'string' && s.voice.length > 0 && s.voice.length < 500 ? s.voice : d.voice,
    rate: clampToRange(s.rate, RATE, d.rate),
  };
}

/** The theme to show: "system" follows the operating system's dark mode. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice !== 'system') return choice;
  return systemPrefersDark ? 'dark' : 'light';
}

/** Minutes to read `words` at an unhurried pace for fiction; at least one for any text. */
export function readingMinutes(words: number, wordsPerMinute = 230): number {
  if (words <= 0) return 0;
  return Math.max(1, Math.round(words / wordsPerMinute));
}
