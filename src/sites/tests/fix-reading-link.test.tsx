// @vitest-environment jsdom
/** The popup's "Pick on the page": starts the picker in the tab and closes, or says the browser refused. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FixReadingLink } from '../ui/FixReadingLink';
import { click, settle } from '../../../tests/lib/ui';

const report = { url: 'http://www.quillcorner.net/fics/story.php?sid=88', site: 'generic' };
let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('Pick on the page', () => {
  it('starts the picker in the tab, then closes the popup', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const pick = vi.fn(() => Promise.resolve(true));
    await act(() => render(<FixReadingLink report={report} pick={pick} />, container));
    expect(container.querySelector('.fix-reading-link')?.getAttribute('href')).toBe('/options.html#rules?host=www.quillcorner.net');
    await click(container.querySelector('.pick-on-page'));
    await settle();
    expect(pick).toHaveBeenCalledTimes(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('stays open and says so where the browser refuses', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    await act(() => render(<FixReadingLink report={report} pick={() => Promise.resolve(false)} />, container));
    await click(container.querySelector('.pick-on-page'));
    await settle();
    expect(close).not.toHaveBeenCalled();
    expect(container.querySelector('.pick-refused')?.textContent).toContain('does not let Slipcase pick');
  });

  it('is not offered on pages a built-in adapter reads, nor without a tab', async () => {
    await act(() => render(<FixReadingLink report={{ ...report, site: 'ao3' }} pick={() => Promise.resolve(true)} />, container));
    expect(container.querySelector('.pick-on-page')).toBeNull();
    await act(() => render(<FixReadingLink report={report} />, container));
    expect(container.querySelector('.fix-reading-link')).not.toBeNull();
    expect(container.querySelector('.pick-on-page')).toBeNull();
  });
});
