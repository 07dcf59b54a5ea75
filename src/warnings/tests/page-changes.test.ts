/**
 * Re-reading a page that changes after it was read: a story put in by script, or a new body. The
 * cover goes back on in the observer's callback (before the browser paints the new text), the
 * re-read waits for the page to be quiet, small changes are ignored, and the re-reads are bounded.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { until } from '../../../tests/lib/wait';
import { watchPageChanges, type PageChangeOptions } from '../ui/page-changes';
import { coverEarly } from '../ui/live-cover';

const OPTS: PageChangeOptions = { minChars: 500, settleMs: 20, maxRereads: 3 };
const prose = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<p>Paragraph ${i}: the ferry left at six, whether or not anyone was on it, and the wind came off the harbour.</p>`,
  ).join('');
/** Mutation observers report at the end of the current task's microtasks, before any paint. */
const microtasks = () => new Promise<void>((r) => setTimeout(r, 0));

function page() {
  const doc = parseHtml(
    '<html><head></head><body><div id="story"><p>Loading…</p></div><p id="clock">10:00</p></body></html>',
    'https://serial.example/read/1',
  );
  const log: string[] = [];
  const stop = watchPageChanges(doc, { arrived: () => log.push('arrived'), settled: () => log.push('settled') }, OPTS);
  return { doc, log, stop };
}

describe('watchPageChanges', () => {
  it('tells of a story put in by script at once, and re-reads once the page is quiet', async () => {
    const { doc, log, stop } = page();
    doc.getElementById('story')!.innerHTML = prose(10);
    await Promise.resolve();
    expect(log).toEqual(['arrived']);
    await until(() => log.includes('settled'), 'the re-read');
    expect(log).toEqual(['arrived', 'settled']);
    stop();
  });

  it('ignores small changes (a clock ticking)', async () => {
    const { doc, log, stop } = page();
    for (let i = 0; i < 20; i++) {
      doc.getElementById('clock')!.textContent = `10:${String(i).padStart(2, '0')}`;
      await microtasks();
    }
    expect(log).toEqual([]);
    stop();
  });

  it('sees a page that replaces its body', async () => {
    const { doc, log, stop } = page();
    const body = doc.createElement('body');
    body.innerHTML = `<div id="story">${prose(8)}</div>`;
    doc.documentElement.replaceChild(body, doc.body!);
    await until(() => log.includes('settled'), 'the re-read');
    expect(log).toEqual(['arrived', 'settled']);
    stop();
  });

  it('re-reads a burst of changes once', async () => {
    const { doc, log, stop } = page();
    for (let i = 0; i < 4; i++) {
      doc.getElementById('story')!.insertAdjacentHTML('beforeend', prose(8));
      await microtasks();
    }
    await until(() => log.includes('settled'), 'the re-read');
    expect(log.filter((e) => e === 'settled')).toHaveLength(1);
    stop();
  });

  it('stops after a few re-reads, however often the page changes', async () => {
    const { doc, log } = page();
    for (let i = 1; i <= OPTS.maxRereads; i++) {
      doc.getElementById('story')!.insertAdjacentHTML('beforeend', prose(8));
      await until(() => log.filter((e) => e === 'settled').length === i, `re-read ${i}`);
    }
    const before = log.length;
    doc.getElementById('story')!.insertAdjacentHTML('beforeend', prose(8));
    await microtasks();
    expect(log).toHaveLength(before);
  });
});

describe('the cover over new text', () => {
  it('is back on before the new story text can be painted', async () => {
    const doc = parseHtml('<html><head></head><body><div id="workskin"></div></body></html>', 'https://archive.example/works/1');
    const cover = coverEarly(doc, ['#workskin']);
    cover.lift();
    expect(cover.covering()).toBe(false);
    const stop = watchPageChanges(doc, { arrived: () => cover.restore(), settled: () => undefined }, OPTS);
    doc.getElementById('workskin')!.innerHTML = prose(10);
    await Promise.resolve();
    expect(cover.covering()).toBe(true);
    expect(doc.querySelector('style[data-slipcase="cover"]')?.textContent).toContain('#workskin');
    stop();
  });
});
