/**
 * Read aloud in the reader: the speech engine (where the browser has one), its voices, playing
 * from the block at the top of the screen, and the block being spoken highlighted and kept in view.
 */
import { useEffect, useMemo, useRef, useState, type MutableRef } from 'preact/hooks';
import { ReadAloud, type SpeechFailure, type SpeechState } from '../../read-aloud';
import type { ReaderSettings } from '../../settings';
import type { Anchor } from '../blocks';
import type { Shown } from './useReadingPosition';

export interface Speech {
  state: SpeechState;
  block: number;
  /** Why reading aloud stopped by itself (read-aloud.ts), shown until Play is pressed again. */
  failure: SpeechFailure | null;
}

/** When reading aloud stops by itself: never, after some minutes, or at the end of the chapter. */
export type Sleep = 'off' | 'chapter' | number;

export interface ReadAloudState {
  /** Null where the browser cannot speak. */
  reader: ReadAloud<SpeechSynthesisUtterance> | null;
  speech: Speech;
  voices: SpeechSynthesisVoice[];
  sleep: Sleep;
  setSleep(sleep: Sleep): void;
  /** Runs when the last block of the chapter has been read (useAloudAcrossChapters sets it). */
  ended: MutableRef<() => void>;
  playPause(): void;
  /** Reads from block `block` of the chapter on show. */
  playFrom(block: number): void;
  /** New voice or rate: kept as settings, and used from the next sentence on. */
  changeSpeech(next: ReaderSettings): void;
}

export function useReadAloud(
  blocks: MutableRef<HTMLElement[]>,
  anchor: MutableRef<Anchor>,
  settings: ReaderSettings,
  changeSettings: (next: ReaderSettings) => void,
): ReadAloudState {
  const [speech, setSpeech] = useState<Speech>({ state: 'stopped', block: -1, failure: null });
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [sleep, setSleep] = useState<Sleep>('off');
  const ended = useRef<() => void>(() => undefined);
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const reader = useMemo(
    () =>
      synth
        ? new ReadAloud<SpeechSynthesisUtterance>(
            synth,
            (text) => new SpeechSynthesisUtterance(text),
            (state, block, failure) => setSpeech({ state, block, failure }),
            () => ended.current(),
          )
        : null,
    [],
  );
  useSleepTimer(sleep, setSleep, reader);

  useEffect(() => {
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    update();
    synth.addEventListener('voiceschanged', update);
    return () => {
      synth.removeEventListener('voiceschanged', update);
      reader?.stop();
    };
  }, []);

  const speechOptions = (s: ReaderSettings) => ({
    voice: voices.find((v) => v.voiceURI === s.voice) ?? null,
    rate: s.rate,
    lang: blocks.current[0]?.closest('[lang]')?.getAttribute('lang') ?? '',
  });

  const playFrom = (block: number) =>
    reader?.play(
      blocks.current.map((b) => b.textContent ?? ''),
      block,
      speechOptions(settings),
    );
  const playPause = () => {
    if (speech.state === 'playing') reader?.pause();
    else if (speech.state === 'paused') reader?.resume();
    else playFrom(anchor.current.block);
  };

  const changeSpeech = (next: ReaderSettings) => {
    changeSettings(next);
    reader?.setOptions(speechOptions(next));
  };

  return { reader, speech, voices, sleep, setSleep, ended, playPause, playFrom, changeSpeech };
}

/** A sleep timer of some minutes pauses the reading when it runs out (a pause: Play goes on from there). */
function useSleepTimer(sleep: Sleep, setSleep: (s: Sleep) => void, reader: ReadAloud<SpeechSynthesisUtterance> | null): void {
  useEffect(() => {
    if (typeof sleep !== 'number') return;
    const timer = setTimeout(() => {
      reader?.pause();
      setSleep('off');
    }, sleep * 60_000);
    return () => clearTimeout(timer);
  }, [sleep]);
}

/**
 * Read aloud goes on into the next chapter, as an audiobook would, unless the sleep timer is set
 * to the end of the chapter (then it stops there, and the timer is off again).
 */
export function useAloudAcrossChapters(
  aloud: ReadAloudState,
  shown: Shown,
  turn: { go(target: string, how: 'push'): Promise<void>; failed: string | null },
  canLoadInPlace: (url: string) => boolean,
): void {
  const carryOn = useRef(false);
  aloud.ended.current = () => {
    const next = shown.view?.nav.next;
    if (aloud.sleep === 'chapter') return aloud.setSleep('off');
    if (!next || !canLoadInPlace(next)) return;
    carryOn.current = true;
    void turn.go(next, 'push');
  };
  useEffect(() => {
    if (!carryOn.current || !shown.view) return;
    carryOn.current = false;
    aloud.playFrom(0);
  }, [shown]);
  useEffect(() => {
    if (turn.failed) carryOn.current = false;
  }, [turn.failed]);
}

/** The block being read aloud is highlighted and kept in view, in the chapter on show. */
export function useSpeakingHighlight(blocks: MutableRef<HTMLElement[]>, block: number, shown: Shown): void {
  useEffect(() => {
    const el = blocks.current[block];
    if (!el) return;
    el.classList.add('speaking');
    el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    return () => el.classList.remove('speaking');
  }, [block, shown]);
}
