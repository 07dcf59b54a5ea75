import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RatingLimit, RatingSettings, UnratedMode, WarningCategory } from '../policy';
import { WARNING_CATEGORIES } from '../policy';
import {
  EXCEPTION_KINDS,
  describeException,
  parsePatterns,
  siteFromInput,
  withException,
  withWarning,
  type ExceptionKind,
} from '../settings';

const LIMITS: { value: RatingLimit; label: string; detail: string }[] = [
  { value: 'general', label: 'General Audiences', detail: 'warn about Teen And Up, Mature and Explicit works' },
  { value: 'teen', label: 'Teen And Up', detail: 'warn about Mature and Explicit works' },
  { value: 'mature', label: 'Mature', detail: 'warn about Explicit works' },
  { value: 'explicit', label: 'Explicit', detail: 'never warn because of the rating' },
];

const UNRATED: { value: UnratedMode; label: string }[] = [
  { value: 'estimate', label: 'Follow Slipcase’s estimate of the text, and warn when there is too little text to judge' },
  { value: 'warn', label: 'Always warn' },
];

const WARNING_LABEL: Record<WarningCategory, string> = {
  violence: 'Graphic depictions of violence',
  death: 'Major character death',
  noncon: 'Rape or non-consent',
  underage: 'Underage',
  unwarned: 'Creator chose not to warn, or the site hides the warnings',
};

const EXCEPTION_HEADING: Record<ExceptionKind, string> = { stories: 'Stories', authors: 'Authors', sites: 'Sites' };
const EXCEPTION_EMPTY: Record<ExceptionKind, string> = {
  stories: 'None yet. Choose “Always allow this story” on a covered page or in the toolbar popup.',
  authors: 'None yet. The toolbar popup offers “Always allow this author” on a covered page.',
  sites: 'None yet.',
};

export interface RatingSettingsSectionProps {
  settings: RatingSettings;
  /** Readable names of exceptions, by key, where one was remembered. */
  labels: Record<string, string>;
  onChange(next: RatingSettings): void;
  /** Take an exception back (it also forgets the name remembered for it). */
  onRemoveException(kind: ExceptionKind, key: string): void;
}

/** The options page's content-warning settings: what Slipcase covers, and what it always allows. */
export function RatingSettingsSection({ settings, labels, onChange, onRemoveException }: RatingSettingsSectionProps) {
  const set = (change: Partial<RatingSettings>) => onChange({ ...settings, ...change });

  return (
    <section class="settings-section" aria-labelledby="rating-settings-heading">
      <h2 id="rating-settings-heading">Content warnings</h2>
      <p class="intro">
        Slipcase covers a story before you see it when it goes past what you choose here, and tells you why. You can always choose to show
        it.
      </p>

      <fieldset>
        <legend>Highest rating shown without a warning</legend>
        <RadioChoices
          name="limit"
          choices={LIMITS.map((l) => ({
            value: l.value,
            label: (
              <>
                <strong>{l.label}</strong> — {l.detail}
              </>
            ),
          }))}
          chosen={settings.limit}
          choose={(limit) => set({ limit })}
        />
        <label class="choice">
          <input
            type="checkbox"
            name="checkRated"
            checked={settings.checkRated}
            onChange={(e) => set({ checkRated: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>Check the text of rated works too</span>
        </label>
        <p class="hint">
          Each chapter is read on this computer before it shows: one that reads past your limit though the site rates it within, is covered
          and tells you so. A rating it reads lower never uncovers a work.
        </p>
      </fieldset>

      <UnratedField settings={settings} set={set} />

      <fieldset>
        <legend>Archive warnings that always warn</legend>
        {WARNING_CATEGORIES.map((c) => (
          <label class="choice" key={c}>
            <input
              type="checkbox"
              name="warnings"
              value={c}
              checked={settings.warnings.includes(c)}
              onChange={(e) => onChange(withWarning(settings, c, (e.currentTarget as HTMLInputElement).checked))}
            />
            <span>{WARNING_LABEL[c]}</span>
          </label>
        ))}
        <p class="hint">
          All of these start off. Your rating limit already covers most readers, and “Creator Chose Not To Use Archive Warnings” is on many
          General and Teen works, so it would cover far more than you may want.
        </p>
      </fieldset>

      <TagField tags={settings.tags} onCommit={(tags) => set({ tags })} />

      <AlwaysAllow settings={settings} labels={labels} onChange={onChange} onRemoveException={onRemoveException} />
    </section>
  );
}

/** The exceptions by kind, each with its remembered name and Remove, and a site to add. */
function AlwaysAllow({ settings, labels, onChange, onRemoveException }: RatingSettingsSectionProps) {
  return (
    <fieldset>
      <legend>Always allow</legend>
      {EXCEPTION_KINDS.map((kind) => (
        <div class="exceptions" key={kind} data-kind={kind}>
          <h3>{EXCEPTION_HEADING[kind]}</h3>
          {settings.exceptions[kind].length === 0 ? (
            <p class="hint">{EXCEPTION_EMPTY[kind]}</p>
          ) : (
            <ul>
              {settings.exceptions[kind].map((key) => (
                <li key={key}>
                  <span class="exception-name" title={key}>
                    {labels[key] ?? describeException(kind, key)}
                  </span>
                  <button
                    type="button"
                    onClick={() => onRemoveException(kind, key)}
                    aria-label={`Remove ${labels[key] ?? describeException(kind, key)}`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <AddSite onAdd={(site) => onChange(withException(settings, 'sites', site))} />
    </fieldset>
  );
}

/** The warn-list as text: edited freely, saved when the field is left. */
function TagField({ tags, onCommit }: { tags: readonly string[]; onCommit(tags: string[]): void }) {
  const [text, setText] = useState(tags.join('\n'));
  // Settings changed elsewhere (another tab, another device) show here when the field is not being edited.
  useEffect(() => {
    if (parsePatterns(text).join('\n') !== tags.join('\n') && document.activeElement?.id !== 'rating-tags') setText(tags.join('\n'));
  }, [tags]);

  const commit = () => {
    const next = parsePatterns(text);
    if (next.join('\n') !== tags.join('\n')) onCommit(next);
  };

  return (
    <div class="field">
      <label for="rating-tags">Tags and phrases to warn about</label>
      <textarea
        id="rating-tags"
        rows={5}
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        onBlur={commit}
      />
      <p class="hint">
        One per line. Matched against a work’s tags, warnings and summary, whole words, not case-sensitive. <code>*</code> stands for any
        part of a word: <code>non*con</code> finds “Non-Con” and “noncon”, <code>vampire*</code> finds “Vampires”.
      </p>
    </div>
  );
}

function AddSite({ onAdd }: { onAdd(site: string): void }) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const add = (e: Event) => {
    e.preventDefault();
    const site = siteFromInput(text);
    setInvalid(site === null);
    if (site === null) return;
    onAdd(site);
    setText('');
  };
  return (
    <form class="add-site" onSubmit={add}>
      <label for="rating-add-site">Add a site</label>
      <input
        id="rating-add-site"
        type="text"
        placeholder="archiveofourown.org"
        value={text}
        aria-invalid={invalid}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit">Add</button>
      {invalid ? <p class="hint error">That is not a site’s address.</p> : null}
    </form>
  );
}

/** A group of radio buttons, one per choice, each in its label. */
function RadioChoices<V extends string>(props: {
  name: string;
  choices: { value: V; label: ComponentChildren }[];
  chosen: V;
  choose(value: V): void;
}) {
  return (
    <>
      {props.choices.map((c) => (
        <label class="choice" key={c.value}>
          <input type="radio" name={props.name} value={c.value} checked={props.chosen === c.value} onChange={() => props.choose(c.value)} />
          <span>{c.label}</span>
        </label>
      ))}
    </>
  );
}

/** Pages the site does not rate, and whether a listing folds its unrated entries. */
function UnratedField({ settings, set }: { settings: RatingSettings; set(change: Partial<RatingSettings>): void }) {
  return (
    <fieldset>
      <legend>Pages the site does not rate</legend>
      <RadioChoices name="unrated" choices={UNRATED} chosen={settings.unrated} choose={(unrated) => set({ unrated })} />
      <label class="choice">
        <input
          type="checkbox"
          name="foldUnrated"
          checked={settings.foldUnrated}
          onChange={(e) => set({ foldUnrated: (e.currentTarget as HTMLInputElement).checked })}
        />
        <span>Fold unrated works in listings</span>
      </label>
      <p class="hint">
        Off, a listing shows its unrated works: an entry is too short to estimate. The story page itself is still covered as chosen above.
      </p>
    </fieldset>
  );
}
