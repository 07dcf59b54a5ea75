// @vitest-environment jsdom
/** The reader's choice of threadmark categories: kept valid whatever storage holds, and set from the options page. */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SAVE_SETTINGS, normalizeSaveSettings, type SaveSettings } from '../save-settings';
import { SaveSettingsPanel } from '../ui/SaveSettingsPanel';
import { until } from '../../../tests/lib/ui';

describe('normalizeSaveSettings', () => {
  it('keeps known kinds in the options page’s order and drops the rest', () => {
    expect(normalizeSaveSettings({ runs: ['informational', 'story', 'omake', 7] })).toEqual({ runs: ['story', 'informational'] });
  });

  it('gives the default for nothing, an empty choice or a wrong shape', () => {
    for (const stored of [undefined, null, {}, { runs: [] }, { runs: 'story' }, 'story'])
      expect(normalizeSaveSettings(stored)).toEqual(DEFAULT_SAVE_SETTINGS);
  });
});

describe('SaveSettingsPanel', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));

  function mount(initial: SaveSettings) {
    const saved: SaveSettings[] = [];
    render(
      <SaveSettingsPanel services={{ load: () => Promise.resolve(initial), save: (s) => Promise.resolve(void saved.push(s)) }} />,
      root,
    );
    const box = (kind: string) => root.querySelector<HTMLInputElement>(`input[name="run-${kind}"]`)!;
    return { saved, box };
  }

  it('saves each change, in order, and shows it saved', async () => {
    const { saved, box } = mount({ runs: ['story', 'sidestory'] });
    await until(() => box('informational') !== null, 'the choices');
    expect(box('story').checked).toBe(true);
    expect(box('informational').checked).toBe(false);
    box('informational').click();
    await until(() => saved.length === 1, 'the save');
    expect(saved[0]).toEqual({ runs: ['story', 'sidestory', 'informational'] });
    await until(() => root.querySelector('[role=status]')!.textContent === 'Saved.', 'Saved.');
  });

  it('never lets the last category go', async () => {
    const { saved, box } = mount({ runs: ['apocrypha'] });
    await until(() => box('apocrypha') !== null, 'the choices');
    expect(box('apocrypha').disabled).toBe(true);
    box('apocrypha').click();
    expect(saved).toEqual([]);
  });
});
