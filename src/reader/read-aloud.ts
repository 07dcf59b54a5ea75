/**
 * Read aloud: the story spoken block by block through the Web Speech API, with the block being
 * read reported so the reader can highlight it. Long blocks are spoken a few sentences at a time:
 * Chrome's voices stop speaking long utterances part-way.
 */

export type SpeechState = 'stopped' | 'playing' | 'paused';

/** The parts of SpeechSynthesisUtterance this uses. */
export interface Utterance {
  text: string;
  rate: number;
  voice: SpeechSynthesisVoice | null;
  lang: string;
  onstart: ((ev: SpeechSynthesisEvent) => unknown) | null;
  onend: ((ev: SpeechSynthesisEvent) => unknown) | null;
  onerror: ((ev: SpeechSynthesisErrorEvent) => unknown) | null;
}

/** The parts of window.speechSynthesis this uses. */
export interface SpeechEngine<U extends Utterance> {
  speak(utterance: U): void;
  cancel(): void;
  pause(): void;
  resume(): void;
}

export interface SpeechOptions {
  voice: SpeechSynthesisVoice | null;
  rate: number;
  /**
   * The story's language (a Chinese work under AO3's English interface), so that with no voice
   * chosen the browser picks one that speaks it rather than the page's.
   */
  lang?: string;
}

const MAX_CHUNK = 240;
/**
 * A browser with no voice may say nothing at all (Chromium on Linux without a speech server):
 * speech that has not started this long after Play counts as failed.
 */
export const START_TIMEOUT_MS = 5_000;

/** Why reading aloud stopped by itself: the Web Speech API's error code, or "no-voice" when nothing started. */
export type SpeechFailure = string;

/** A block's text cut into pieces of whole sentences, each at most about `max` characters. */
export function speechChunks(text: string, max = MAX_CHUNK): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const sentences = clean.match(/[^.!?…]+(?:[.!?…]+["'”’)\]]*|$)\s*/g) ?? [clean];
  const chunks: string[] = [];
  let cur = '';
  for (const sentence of sentences.flatMap((s) => splitLong(s.trim(), max))) {
    if (cur && cur.length + 1 + sentence.length > max) {
      chunks.push(cur);
      cur = sentence;
    } else cur = cur ? `${cur} ${sentence}` : sentence;
  }
  if (cur) chunks.push(cur);
  return chunks;
}

/** A sentence longer than `max`, cut at spaces. */
function splitLong(sentence: string, max: number): string[] {
  if (sentence.length <= max) return sentence ? [sentence] : [];
  const parts: string[] = [];
  let cur = '';
  for (const word of sentence.split(' ')) {
    if (cur && cur.length + 1 + word.length > max) {
      parts.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) parts.push(cur);
  return parts;
}

export class ReadAloud<U extends Utterance = Utterance> {
  private state: SpeechState = 'stopped';
  private blocks: string[] = [];
  private block = -1;
  private chunks: string[] = [];
  private chunk = 0;
  private options: SpeechOptions = { voice: null, rate: 1 };
  /** Bumped on every start and stop, so events from a cancelled utterance are ignored. */
  private run = 0;

  constructor(
    private readonly engine: SpeechEngine<U>,
    private readonly createUtterance: (text: string) => U,
    private readonly onChange: (state: SpeechState, block: number, failure: SpeechFailure | null) => void,
    /** The last block has been read to its end (not stopped): the reader may go on to the next chapter. */
    private readonly onEnd: () => void = () => undefined,
  ) {}

  /** Why the last reading stopped by itself; null while none has, and again on Play. */
  private failure: SpeechFailure | null = null;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  get current(): { state: SpeechState; block: number } {
    return { state: this.state, block: this.block };
  }

  /** Speak `blocks` from block `from` on. */
  play(blocks: string[], from: number, options: SpeechOptions): void {
    this.blocks = blocks;
    this.options = options;
    this.restartAt(from);
  }

  pause(): void {
    if (this.state !== 'playing') return;
    this.engine.pause();
    this.set('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.engine.resume();
    this.set('playing');
  }

  stop(): void {
    clearTimeout(this.startTimer);
    if (this.state === 'stopped') return;
    this.run++;
    this.engine.cancel();
    this.block = -1;
    this.set('stopped');
  }

  /** A new voice or speed: the block being read starts again with it. */
  setOptions(options: SpeechOptions): void {
    this.options = options;
    if (this.state !== 'stopped') this.restartAt(this.block);
  }

  private restartAt(block: number): void {
    this.run++;
    this.engine.cancel();
    this.state = 'playing';
    this.failure = null;
    const run = this.run;
    let started = false;
    clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => {
      if (run === this.run && !started) this.fail('no-voice');
    }, START_TIMEOUT_MS);
    this.speakBlock(block, () => (started = true));
  }

  private fail(failure: SpeechFailure): void {
    this.failure = failure;
    this.stop();
  }

  private speakBlock(index: number, onStart?: () => void): void {
    let i = index;
    while (i < this.blocks.length && speechChunks(this.blocks[i]!).length === 0) i++;
    if (i >= this.blocks.length) {
      this.block = -1;
      this.set('stopped');
      this.onEnd();
      return;
    }
    this.block = i;
    this.chunks = speechChunks(this.blocks[i]!);
    this.chunk = 0;
    this.set('playing');
    this.speakChunk(onStart);
  }

  private speakChunk(onStart?: () => void): void {
    const run = this.run;
    const u = this.createUtterance(this.chunks[this.chunk]!);
    u.rate = this.options.rate;
    u.voice = this.options.voice;
    u.lang = this.options.lang ?? '';
    u.onstart = () => {
      if (run === this.run) onStart?.();
    };
    u.onend = () => {
      if (run !== this.run) return;
      // Some engines skip "start" for a very short utterance: an end also shows speech works.
      onStart?.();
      this.chunk++;
      if (this.chunk < this.chunks.length) this.speakChunk();
      else this.speakBlock(this.block + 1);
    };
    u.onerror = (ev) => {
      // "interrupted"/"canceled" come from our own cancel(); anything else ends the reading.
      if (run !== this.run || ev.error === 'interrupted' || ev.error === 'canceled') return;
      this.fail(ev.error);
    };
    this.engine.speak(u);
  }

  private set(state: SpeechState): void {
    this.state = state;
    this.onChange(state, this.block, this.failure);
  }
}
