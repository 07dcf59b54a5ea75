/** Read-aloud controls: play, pause and resume, stop, voice and speed. */
import { RATE } from '../settings';
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

interface Props {
  state: SpeechState;
  failure: SpeechFailure | null;
  voices: SpeechSynthesisVoice[];
  voice: string | null;
  rate: number;
  onPlayPause(): void;
  onStop(): void;
  onVoice(voiceURI: string | null): void;
  onRate(rate: number): void;
}

export function ReadAloudBar({ state, failure, voices, voice, rate, onPlayPause, onStop, onVoice, onRate }: Props) {
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
      {failure ? (
        <p class="speech-problem" role="alert">
          {failureText(failure)}
        </p>
      ) : null}
    </section>
  );
}
