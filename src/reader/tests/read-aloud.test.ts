import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadAloud, START_TIMEOUT_MS, speechChunks, type SpeechState, type Utterance } from '../read-aloud';

describe('speechChunks', () => {
  it('keeps a short block whole', () => {
    expect(speechChunks('  "Hello," she said.\n  Then nothing. ')).toEqual(['"Hello," she said. Then nothing.']);
  });

  it('cuts long blocks between sentences, never inside one that fits', () => {
    const sentence = (n: number) => `Sentence number ${n} goes on for a little while to take up some room.`;
    const text = Array.from({ length: 12 }, (_, i) => sentence(i)).join(' ');
    const chunks = speechChunks(text, 150);
    expect(chunks.join(' ')).toBe(text);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(150);
      expect(c).toMatch(/^Sentence number \d+ .*room\.$/);
    }
  });

  it('cuts a sentence longer than the limit at spaces', () => {
    const long = Array.from({ length: 100 }, () => 'word').join(' ');
    const chunks = speechChunks(long, 60);
    expect(chunks.join(' ')).toBe(long);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(60);
  });

  it('has nothing to say for blank text', () => {
    expect(speechChunks(' \n\t ')).toEqual([]);
  });
});

/** A speech engine that speaks instantly on demand: `finish()` ends the current utterance. */
class FakeEngine {
  spoken: Utterance[] = [];
  calls: string[] = [];
  speak(u: Utterance) {
    this.spoken.push(u);
  }
  cancel() {
    this.calls.push('cancel');
    // Like browsers: the utterance being spoken reports an interruption.
    const last = this.spoken.at(-1);
    last?.onerror?.({ error: 'interrupted' } as SpeechSynthesisErrorEvent);
  }
  pause() {
    this.calls.push('pause');
  }
  resume() {
    this.calls.push('resume');
  }
  finish() {
    this.spoken.at(-1)!.onend?.({} as SpeechSynthesisEvent);
  }
  start() {
    this.spoken.at(-1)!.onstart?.({} as SpeechSynthesisEvent);
  }
  get texts() {
    return this.spoken.map((u) => u.text);
  }
}

function setup() {
  const engine = new FakeEngine();
  const changes: [SpeechState, number][] = [];
  const failures: (string | null)[] = [];
  const ra = new ReadAloud(
    engine,
    (text) => ({ text, rate: 1, voice: null, lang: '', onstart: null, onend: null, onerror: null }),
    (s, b, failure) => {
      changes.push([s, b]);
      failures.push(failure);
    },
  );
  return { engine, changes, failures, ra };
}

describe('ReadAloud', () => {
  it('reads block after block from the one asked for, skipping empty ones, then stops', () => {
    const { engine, changes, ra } = setup();
    ra.play(['Zero.', 'One.', '   ', 'Three.'], 1, { voice: null, rate: 1.3 });
    expect(engine.texts).toEqual(['One.']);
    expect(engine.spoken[0]!.rate).toBe(1.3);
    engine.finish();
    expect(engine.texts).toEqual(['One.', 'Three.']);
    expect(ra.current).toEqual({ state: 'playing', block: 3 });
    engine.finish();
    expect(ra.current).toEqual({ state: 'stopped', block: -1 });
    expect(changes.map(([, b]) => b)).toEqual([1, 3, -1]);
  });

  it('speaks in the story’s language, for the browser to pick a voice that speaks it', () => {
    const { engine, ra } = setup();
    ra.play(['渡船六点开。', '又是你。'], 0, { voice: null, rate: 1, lang: 'zh' });
    engine.finish();
    expect(engine.spoken.map((u) => u.lang)).toEqual(['zh', 'zh']);
  });

  it('pauses, resumes and stops; a stopped utterance ending late changes nothing', () => {
    const { engine, ra } = setup();
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    ra.pause();
    expect(ra.current.state).toBe('paused');
    ra.resume();
    expect(ra.current.state).toBe('playing');
    ra.stop();
    expect(engine.calls).toEqual(['cancel', 'pause', 'resume', 'cancel']);
    engine.finish();
    expect(engine.texts).toEqual(['One.']);
    expect(ra.current).toEqual({ state: 'stopped', block: -1 });
  });

  it('a new speed starts the current block again with it', () => {
    const { engine, ra } = setup();
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    engine.finish();
    ra.setOptions({ voice: null, rate: 2 });
    expect(engine.texts).toEqual(['One.', 'Two.', 'Two.']);
    expect(engine.spoken.at(-1)!.rate).toBe(2);
    expect(ra.current).toEqual({ state: 'playing', block: 1 });
  });

  it('stops on a real speech error', () => {
    const { engine, ra } = setup();
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    engine.spoken[0]!.onerror!({ error: 'synthesis-failed' } as SpeechSynthesisErrorEvent);
    expect(ra.current.state).toBe('stopped');
  });
});

describe('ReadAloud when the browser cannot speak', () => {
  afterEach(() => vi.useRealTimers());

  it('stops and says so when nothing has started a while after Play (no voice)', () => {
    vi.useFakeTimers();
    const { failures, ra } = setup();
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    vi.advanceTimersByTime(START_TIMEOUT_MS - 1);
    expect(ra.current.state).toBe('playing');
    vi.advanceTimersByTime(1);
    expect(ra.current.state).toBe('stopped');
    expect(failures.at(-1)).toBe('no-voice');
  });

  it('keeps reading once speech has started, however long it takes', () => {
    vi.useFakeTimers();
    const { engine, failures, ra } = setup();
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    engine.start();
    vi.advanceTimersByTime(START_TIMEOUT_MS * 3);
    expect(ra.current.state).toBe('playing');
    expect(failures.every((f) => f === null)).toBe(true);
  });

  it("reports the engine's own error, and Play again starts afresh", () => {
    vi.useFakeTimers();
    const { engine, failures, ra } = setup();
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    engine.spoken.at(-1)!.onerror?.({ error: 'synthesis-unavailable' } as SpeechSynthesisErrorEvent);
    expect(ra.current.state).toBe('stopped');
    expect(failures.at(-1)).toBe('synthesis-unavailable');
    ra.play(['One.', 'Two.'], 0, { voice: null, rate: 1 });
    expect(failures.at(-1)).toBeNull();
  });
});
