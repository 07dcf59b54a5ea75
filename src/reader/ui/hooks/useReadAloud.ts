/**
 * Read aloud in the reader: the speech engine (where the browser has one), its voices, playing
 * from the block at the top of the screen, and the block being spoken highlighted and kept in view.
 */
import { useEffect, useMemo, useState, type MutableRef } from 'preact/hooks';
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

export interface ReadAloudState {
  /** Null where the browser cannot speak. */
  reader: ReadAloud<SpeechSynthesisUtterance> | null;
  speech: Speech;
  voices: SpeechSynthesisVoice[];
  playPause(): void;
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
  const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  const reader = useMemo(
    () =>
      synth
        ? new ReadAloud<SpeechSynthesisUtterance>(
            synth,
            (text) => new SpeechSynthesisUtterance(text),
            (state, block, failure) => setSpeech({ state, block, failure }),
          )
        : null,
    [],
  );

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

  const speechOptions = (s: ReaderSettings) => ({ voice: voices.find((v) => v.voiceURI === s.voice) ?? null, rate: s.rate });

  const playPause = () => {
    if (!reader) return;
    if (speech.state === 'playing') reader.pause();
    else if (speech.state === 'paused') reader.resume();
    else
      reader.play(
        blocks.current.map((b) => b.textContent ?? ''),
        anchor.current.block,
        speechOptions(settings),
      );
  };

  const changeSpeech = (next: ReaderSettings) => {
    changeSettings(next);
    reader?.setOptions(speechOptions(next));
  };

  return { reader, speech, voices, playPause, changeSpeech };
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
