/**
 * The reader view's settings in the built extension, in real Chromium and Firefox: they persist,
 * the bundled OpenDyslexic font loads, the reading place is remembered, and the reader passes an
 * axe-core accessibility check in its light and dark themes.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { until } from '../lib/wait';
import { SCREENSHOT_DIR } from './lib/build';
import type { BrowserDriver, PageHandle } from './lib/driver';
import { BROWSERS, sharedBrowser } from './lib/launch';
import { corpusBody, serve } from './lib/routes';
import { AAS, AO3_2, READER_TAG, RR_1, closedState, openReader as openReaderIn, resetReader, stateOf } from './lib/reader';

const DOCS = join(import.meta.dirname, '..', '..', 'docs');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs on the reader's closed root: the first words of the paragraph at the top of the reading area, below the toolbar. */
function topParagraph(root: ShadowRoot): string | null {
  const dialog = root.querySelector<HTMLElement>('[role="dialog"]');
  if (!dialog || dialog.scrollTop === 0) return null;
  const line = dialog.getBoundingClientRect().top + 56;
  const p = Array.from(root.querySelectorAll('.story p')).find((el) => el.getBoundingClientRect().bottom > line + 1);
  return p ? (p.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 64) : null;
}

describe.each(BROWSERS)('%s', (browserName) => {
  let driver: BrowserDriver;
  const openReader = (url: string) => openReaderIn(driver, url);

  /** The reader's stored settings and reading positions (src/reader/ext/reader-storage.ts). */
  const stored = () =>
    driver.evalInExtension(async () => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      const api = g.browser ?? g.chrome;
      const settings = (await api.storage.sync.get('reader-settings'))['reader-settings'] as Record<string, unknown> | undefined;
      const positions = (await api.storage.local.get('reader-positions'))['reader-positions'] as
        Record<string, { block: number; text?: string }> | undefined;
      return { settings: settings ?? null, positions: positions ?? {} };
    }, undefined);

  sharedBrowser(browserName, (launched) => (driver = launched));

  // Each test starts from the default reader settings, whatever ran before it.
  beforeEach(() => resetReader(driver));

  it('settings persist across closing and reopening', async () => {
    const first = await openReader(RR_1);
    try {
      expect(first.state.font).toBe('serif');
      expect(first.state.fontSize).toBe('19px');
      await first.page.clickIn(READER_TAG, '.settings-toggle');
      await first.page.clickIn(READER_TAG, '[data-theme-choice="sepia"]');
      await first.page.clickIn(READER_TAG, '[data-font-choice="sans"]');
      await first.page.clickIn(READER_TAG, '.size-up');
      await first.page.clickIn(READER_TAG, '.size-up');
      const changed = await until(async () => {
        const s = await stateOf(first.page);
        return s?.fontSize === '21px' ? s : null;
      }, 'the new settings');
      expect(changed).toMatchObject({ theme: 'sepia', font: 'sans' });
      // The reader saves once the controls settle: closing before that would lose the change.
      await until(async () => {
        const saved = (await stored()).settings;
        return saved?.theme === 'sepia' && saved.font === 'sans' && saved.size === 21;
      }, 'the new settings to be saved');
      await first.page.press('Escape'); // closes the settings panel
      await first.page.press('Escape'); // closes the reader
      await closedState(first.page);
    } finally {
      await first.page.close();
    }
    const again = await openReader(RR_1);
    try {
      expect(again.state).toMatchObject({ theme: 'sepia', font: 'sans', fontSize: '21px' });
    } finally {
      await again.page.close();
    }
  });

  it('the bundled dyslexia-friendly font loads and is used', async () => {
    const { page } = await openReader(RR_1);
    try {
      await page.clickIn(READER_TAG, '.settings-toggle');
      await page.clickIn(READER_TAG, '[data-font-choice="dyslexic"]');
      const loaded = await until(
        () =>
          page.evaluate(
            () =>
              document.fonts.check('16px "Slipcase OpenDyslexic"') &&
              [...document.fonts].some((f) => f.family.includes('OpenDyslexic') && f.status === 'loaded'),
            undefined,
          ),
        'OpenDyslexic',
      );
      expect(loaded).toBe(true);
      expect((await stateOf(page))?.fontFamily).toMatch(/^"?Slipcase OpenDyslexic/);
    } finally {
      await page.close();
    }
  });

  it('remembers the reading position of a chapter', async () => {
    const { page } = await openReader(AAS);
    try {
      await page.shadow(READER_TAG, (root) => void (root.querySelector<HTMLElement>('[role="dialog"]')!.scrollTop = 6000), undefined);
      // The reader saves the place once scrolling stops (the positions were emptied before the test).
      await until(async () => Object.values((await stored()).positions).some((p) => p.block > 0), 'the position to be saved');
      const before = (await stateOf(page))!.scrollTop;
      expect(before).toBeGreaterThan(5000);
      await page.press('Escape');
      await closedState(page);
    } finally {
      await page.close();
    }
    const again = await openReader(AAS);
    try {
      const restored = await until(async () => {
        const s = await stateOf(again.page);
        return s && s.scrollTop > 5000 ? s : null;
      }, 'the saved position');
      expect(Math.abs(restored.scrollTop - 6000)).toBeLessThan(40);
    } finally {
      await again.page.close();
    }
  });

  it('finds its place by its words when the author has since added paragraphs above it', async () => {
    const { page, exp } = await openReader(AAS);
    let kept: string;
    try {
      await page.shadow(READER_TAG, (root) => void (root.querySelector<HTMLElement>('[role="dialog"]')!.scrollTop = 6000), undefined);
      const saved = await until(
        async () => Object.values((await stored()).positions).find((p) => p.block > 0 && p.text) ?? null,
        'the position',
      );
      kept = saved.text!;
      expect(await page.shadow(READER_TAG, topParagraph, undefined)).toBe(kept);
    } finally {
      await page.close();
    }
    // The author adds eight paragraphs before the story's first: every block index after moves on by eight.
    const original = corpusBody(AAS);
    const at = original.lastIndexOf('<p', original.indexOf(exp.storyText.first.slice(0, 30)));
    const added = Array.from(
      { length: 8 },
      (_, i) => `<p>An author’s note added later, paragraph ${i + 1}: ${'thanks to everyone who wrote in. '.repeat(12)}</p>`,
    );
    const edited = `${original.slice(0, at)}${added.join('\n')}${original.slice(at)}`;
    const unserve = serve(AAS, { status: 200, contentType: 'text/html; charset=utf-8', body: edited });
    try {
      const again = await openReader(AAS);
      try {
        const top = await until(async () => {
          const t = await again.page.shadow(READER_TAG, topParagraph, undefined);
          return t === kept ? t : null;
        }, `the paragraph “${kept}” back at the top`);
        expect(top).toBe(kept);
      } finally {
        await again.page.close();
      }
    } finally {
      unserve();
    }
  });

  it('passes an axe-core check, in the light and dark themes (screenshots)', async () => {
    const { page } = await openReader(AO3_2);
    try {
      for (const theme of ['light', 'dark'] as const) {
        await page.clickIn(READER_TAG, '.settings-toggle');
        await page.clickIn(READER_TAG, `[data-theme-choice="${theme}"]`);
        await until(async () => ((await stateOf(page))?.theme === theme ? true : null), `the ${theme} theme`);
        const withPanel = await runAxe(page);
        expect(withPanel, JSON.stringify(withPanel, null, 1)).toEqual([]);
        await page.screenshot(join(SCREENSHOT_DIR, `${browserName}-reader-${theme}-settings.png`));
        await page.press('Escape');
        const reading = await runAxe(page);
        expect(reading, JSON.stringify(reading, null, 1)).toEqual([]);
        const shot = join(SCREENSHOT_DIR, `${browserName}-reader-${theme}.png`);
        await page.screenshot(shot);
        if (browserName === 'chromium') {
          mkdirSync(DOCS, { recursive: true });
          copyFileSync(shot, join(DOCS, `reader-${theme}.png`));
        }
      }
    } finally {
      await page.close();
    }
  });
});

interface AxeResult {
  violations: { id: string; nodes: { target: unknown; failureSummary?: string }[] }[];
}
type Axe = { run(ctx: unknown, opts: unknown): Promise<AxeResult> };

/**
 * Runs in Slipcase's isolated world: axe-core's WCAG 2.1 A/AA and best-practice rules on the
 * reader's closed root, the violations briefly. axe finds shadow trees through their host's
 * shadowRoot, so the host lends it the closed root, in this world only, while axe runs.
 */
async function axeOnReader(root: ShadowRoot, axe: Axe) {
  Object.defineProperty(root.host, 'shadowRoot', { value: root, configurable: true });
  try {
    const result = await axe.run(
      { include: { fromShadowDom: ['slipcase-reader', '.root'] } },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return result.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, why: n.failureSummary })),
    }));
  } finally {
    delete (root.host as unknown as { shadowRoot?: ShadowRoot }).shadowRoot;
  }
}

/**
 * axeOnReader with axe-core's source written into it: the extension's CSP forbids eval in its
 * pages and its isolated world, so axe travels as part of the function injected.
 */
const withAxe = new Function('root', `${AXE_SOURCE}\nreturn (${axeOnReader.toString()})(root, window.axe);`) as (
  root: ShadowRoot,
) => ReturnType<typeof axeOnReader>;

async function runAxe(page: PageHandle) {
  const violations = await page.shadow(READER_TAG, withAxe, undefined);
  if (!violations) throw new Error('no reader to check');
  return violations;
}
