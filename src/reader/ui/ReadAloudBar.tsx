/** Read-aloud controls: play, pause and resume, stop, voice, speed and a sleep timer. */
import { RATE, clampToRange, type ReaderSettings } from '../settings';
import type { ReadAloud } from '../read-aloud';
import type { ReadAloudState, Sleep } from './hooks/useReadAloud';
import { PauseIcon, PlayIcon, StopIcon } from './icons';
import type { SpeechFailure, SpeechState } from '../read-aloud';
import { trusted } from './trusted';

/** What a reader can do about each way speech fails. */
function failureText(failure: SpeechFailure): string {
  if (failure === 'no-voice' || failure === 'synthesis-unavailable' || failure === 'voice-unavailable')
    return 'Your browser has no voice to read aloud with. Install a voice for your system (or turn on its speech service), then try again.';
  if (failure === 'not-allowed') return 'Your browser did not allow reading aloud here. Press Play again.';
  return `Reading aloud stopped: the browser reported “${failure}”.`;
}

/** The read-aloud panel over the reader's speech state and settings. */
export function SpeechPanel({
  aloud,
  reader,
  settings,
}: {
  aloud: ReadAloudState;
  reader: ReadAloud<SpeechSynthesisUtterance>;
  settings: ReaderSettings;
}) {
  return (
    <ReadAloudBar
      state={aloud.speech.state}
      failure={aloud.speech.failure}
      voices={aloud.voices}
      voice={settings.voice}
      rate={settings.rate}
      sleep={aloud.sleep}
      onPlayPause={aloud.playPause}
      onStop={() => reader.stop()}
      onVoice={(voice) => aloud.changeSpeech({ ...settings, voice })}
      onRate={(rate) => aloud.changeSpeech({ ...settings, rate: clampToRange(rate, RATE, settings.rate) })}
      onSleep={aloud.setSleep}
    />
  );
}

const SLEEP_CHOICES: { value: string; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: '15', label: '15 minutes' },
  { value: '30', label: '30 minutes' },
  { value: '60', label: '1 hour' },
  { value: 'chapter', label: 'End of chapter' },
];
const sleepFrom = (v: string): Sleep => (v === 'off' || v === 'chapter' ? v : Number(v));

interface Props {
  state: SpeechState;
  failure: SpeechFailure | null;
  sleep: Sleep;
  onSleep(sleep: Sleep): void;
  voices: SpeechSynthesisVoice[];
  voice: string | null;
  rate: number;
  onPlayPause(): void;
  onStop(): void;
  onVoice(voiceURI: string | null): void;
  onRate(rate: number): void;
}

function ReadAloudBar({ state, failure, voices, voice, rate, sleep, onPlayPause, onStop, onVoice, onRate, onSleep }: Props) {
  const playing = state === 'playing';
  const label = playing ? 'Pause reading aloud' : state === 'paused' ? 'Resume reading aloud' : 'Read aloud from here';
  return (
    <section class="panel speech" aria-label="Read aloud">
      <button type="button" class="icon-button play" aria-label={label} title={label} onClick={trusted(onPlayPause)}>
        {playing ? <PauseIcon /> : <PlayIcon />}
        <span>{playing ? 'Pause' : state === 'paused' ? 'Resume' : 'Play'}</span>
      </button>
      <button
        type="button"
        class="icon-button stop"
        aria-label="Stop reading aloud"
        title="Stop"
        disabled={state === 'stopped'}
        onClick={trusted(onStop)}
      >
        <StopIcon />
        <span>Stop</span>
      </button>
      <label class="voice">
        Voice
        <select value={voice ?? ''} onChange={trusted((e) => onVoice(e.currentTarget.value || null))}>
          <option value="">Browser default</option>
          {voices.map((v) => (
            <option key={v.voiceURI} value={v.voiceURI}>
              {v.name} ({v.lang})
            </option>
          ))}
        </select>
      </label>
      <label class="rate">
        Speed
        <input
          type="range"
          min={RATE.min}
          max={RATE.max}
          step={RATE.step}
          value={rate}
          aria-valuetext={`${rate.toFixed(1)} times`}
          onChange={trusted((e) => onRate(Number(e.currentTarget.value)))}
        />
        <output>{rate.toFixed(1)}×</output>
      </label>
      <label class="sleep">
        Sleep
        <select value={String(sleep)} onChange={trusted((e) => onSleep(sleepFrom(e.currentTarget.value)))}>
          {SLEEP_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {failure ? (
        <p class="speech-problem" role="alert">
          {failureText(failure)}
        </p>
      ) : null}
    </section>
  );
}
