/**
 * The reader's own site rules (src/sites/rules/), in the options page's Sites section: the list,
 * with Edit and Remove, and the form that adds or changes one. Each field says what is wrong with
 * it right beside it; a rule is stored only when nothing is.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_RULES, mergeRules, ruleKey, validateRule, type RuleField, type RuleProblem, type SiteRule } from '../rules/rule';
import type { RuleDraft } from '../rules/rule-form-address';

/** What the section needs; the options page wires it (src/entrypoints/options/OptionsApp.tsx). */
export interface RulesServices {
  rules(): Promise<SiteRule[]>;
  watch(changed: (rules: SiteRule[]) => void): () => void;
  /** Stores the whole list; rejects with a message for the reader (storage full). */
  store(rules: SiteRule[]): Promise<void>;
}

type Draft = Record<RuleField, string>;

const FIELDS: { field: RuleField; label: string; help: string }[] = [
  { field: 'host', label: 'Site', help: 'The site’s host name, such as fics.example.org (a pasted address works too).' },
  { field: 'path', label: 'Pages under', help: 'Only pages whose path starts with this; / for the whole site.' },
  { field: 'content', label: 'Story text', help: 'CSS selector of the element holding the story, such as .chapter-text. Required.' },
  { field: 'title', label: 'Title', help: 'CSS selector of the story’s title. Optional.' },
  { field: 'next', label: 'Next chapter link', help: 'CSS selector of the link to the next chapter. Optional.' },
  { field: 'rating', label: 'Rating', help: 'CSS selector of the rating’s words, such as .rating. Optional.' },
];

const emptyDraft = (host = ''): Draft => ({ host, path: '/', content: '', title: '', next: '', rating: '' });
const draftOf = (r: SiteRule): Draft => ({
  ...emptyDraft(r.host),
  path: r.path ?? '/',
  content: r.content,
  title: r.title ?? '',
  next: r.next ?? '',
  rating: r.rating ?? '',
});

/** A pasted address gives its host; whatever else is typed is judged as a host name. */
function hostOf(typed: string): string {
  const t = typed.trim().toLowerCase();
  try {
    return /^[a-z]+:\/\//.test(t) ? new URL(t).hostname : t;
  } catch {
    return t;
  }
}

function ruleOf(d: Draft): SiteRule {
  const rule: SiteRule = { host: hostOf(d.host), path: d.path.trim() || '/', content: d.content.trim() };
  for (const key of ['title', 'next', 'rating'] as const) if (d[key].trim()) rule[key] = d[key].trim();
  return rule;
}

function Field({
  id,
  label,
  help,
  value,
  problem,
  onInput,
}: {
  id: RuleField;
  label: string;
  help: string;
  value: string;
  problem?: string;
  onInput: (v: string) => void;
}) {
  const helpId = `rule-${id}-help`;
  const errorId = `rule-${id}-error`;
  return (
    <div class="rule-field">
      <label for={`rule-${id}`}>{label}</label>
      <input
        id={`rule-${id}`}
        type="text"
        spellcheck={false}
        autocomplete="off"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${errorId} ${helpId}` : helpId}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
      {problem ? (
        <p class="hint error" id={errorId}>
          {problem}
        </p>
      ) : null}
      <p class="hint" id={helpId}>
        {help}
      </p>
    </div>
  );
}

function RuleForm({
  draft,
  editing,
  problems,
  onChange,
  onSubmit,
  onCancel,
}: {
  draft: Draft;
  editing: boolean;
  problems: RuleProblem[];
  onChange: (d: Draft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const problemOf = (f: RuleField) => problems.find((p) => p.field === f)?.message;
  return (
    <form
      id="rule-form"
      class="rule-form"
      aria-labelledby="rule-form-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id="rule-form-heading">{editing ? `Change the rule for ${draft.host}` : 'Add a rule'}</h3>
      {FIELDS.map((f) => (
        <Field
          key={f.field}
          id={f.field}
          label={f.label}
          help={f.help}
          value={draft[f.field]}
          problem={problemOf(f.field)}
          onInput={(v) => onChange({ ...draft, [f.field]: v })}
        />
      ))}
      <div class="rule-actions">
        <button type="submit" class="rule-save">
          {editing ? 'Save rule' : 'Add rule'}
        </button>
        {editing ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function RuleList({
  rules,
  onEdit,
  onRemove,
}: {
  rules: SiteRule[] | null;
  onEdit: (r: SiteRule) => void;
  onRemove: (r: SiteRule) => void;
}) {
  return (
    <>
      {rules === null ? null : rules.length === 0 ? (
        <p class="hint">No rules yet.</p>
      ) : (
        <ul>
          {rules.map((r) => (
            <li key={ruleKey(r)}>
              <span class="exception-name">
                {ruleKey(r)} <code>{r.content}</code>
              </span>
              <span class="rule-buttons">
                <button type="button" onClick={() => onEdit(r)} aria-label={`Edit the rule for ${ruleKey(r)}`}>
                  Edit
                </button>
                <button type="button" onClick={() => onRemove(r)} aria-label={`Remove the rule for ${ruleKey(r)}`}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What keeps `rule` from being stored in `list`, where it replaces the rule `editing` keys (if any). */
function problemsOf(rule: SiteRule, list: SiteRule[], editing: string | null): RuleProblem[] {
  const found = validateRule(rule, document);
  const replaced = list.filter((r) => ruleKey(r) === editing || ruleKey(r) === ruleKey(rule));
  if (!found.length && list.length - replaced.length >= MAX_RULES)
    found.push({ field: 'host', message: `Slipcase keeps at most ${MAX_RULES} rules: remove one first.` });
  return found;
}

/** The form as an address fills it (./FixReadingLink.tsx, the rule picker): its values are judged on saving, like typed ones. */
const draftFrom = (given: RuleDraft): Draft => ({ ...emptyDraft(), ...given });

export function RulesSection({ services, draft: given }: { services: RulesServices; draft?: RuleDraft | null }) {
  const [rules, setRules] = useState<SiteRule[] | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(given ?? {}));
  const [editing, setEditing] = useState<string | null>(null);
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [status, setStatus] = useState('');
  const form = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void services.rules().then(setRules);
    // Opened from the popup for a site: straight to the form, the site filled in (and what the picker picked).
    if (given?.host) form.current?.querySelector<HTMLInputElement>('#rule-content')?.focus();
    return services.watch(setRules);
  }, []);

  async function store(next: SiteRule[], done: string): Promise<boolean> {
    try {
      await services.store(next);
      setRules(next);
      setStatus(done);
      return true;
    } catch (e) {
      setStatus(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  async function submit() {
    const rule = ruleOf(draft);
    const list = rules ?? [];
    const found = problemsOf(rule, list, editing);
    setProblems(found);
    if (found.length) return;
    const kept = editing ? list.filter((r) => ruleKey(r) !== editing) : list;
    if (await store(mergeRules(kept, [rule]), `Saved the rule for ${rule.host}. It applies the next time a page of the site is read.`))
      cancel();
  }

  function edit(rule: SiteRule) {
    setEditing(ruleKey(rule));
    setDraft(draftOf(rule));
    setProblems([]);
    form.current?.querySelector<HTMLInputElement>('#rule-host')?.focus();
  }

  function cancel() {
    setEditing(null);
    setDraft(emptyDraft());
    setProblems([]);
  }

  const remove = (rule: SiteRule) =>
    void store(
      (rules ?? []).filter((r) => ruleKey(r) !== ruleKey(rule)),
      `Removed the rule for ${rule.host}.`,
    );

  return (
    <div class="exceptions site-rules" id="rules">
      <h3>Your rules for sites Slipcase misreads</h3>
      <p class="hint">
        Where Slipcase picks the wrong text or title, tell it where they are with CSS selectors (your browser’s “Inspect” shows them).
      </p>
      <RuleList rules={rules} onEdit={edit} onRemove={remove} />
      <div ref={form}>
        <RuleForm
          draft={draft}
          editing={editing !== null}
          problems={problems}
          onChange={setDraft}
          onSubmit={() => void submit()}
          onCancel={cancel}
        />
      </div>
      <p class="hint rule-status" role="status">
        {status}
      </p>
    </div>
  );
}
