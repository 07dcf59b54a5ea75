/**
 * Every message Slipcase's parts send each other, in one map: its type, what it carries and what
 * it is answered with; and parseMessage, the one check every listener puts an incoming message
 * through (src/core/ext/messaging.ts). Anything that is not exactly a message of the map (an
 * unknown type, a missing or mistyped field at any depth, a field the message does not have) is
 * dropped there.
 *
 * - page-report: the detect content script read its page (content script → background)
 * - gate-judge, gate-more: a site's content script asks for its page's decision, or the rest of the gate
 * - rating-allow: the reader chose "Always allow this story" on the page's interstitial (content script → background)
 * - library-*: the pages ask the background for save jobs (src/library/messages.ts)
 * - library-event: jobs or stories changed (runner → every extension page and the background)
 * - runner-*: the background calls the save-job runner (background → Chrome's offscreen document)
 * - memory-get: a listing's content script asks what the reader's memory holds of its entries (content script → background)
 * - memory-import*: the popup imports the reader's list on an archive into the memory, through the runner (runner-import*)
 * - site-rules-*: Chrome's offscreen document, which has no storage API, asks the background for the
 *   reader's site rules, and hears when they change (src/sites/ext/site-rules.ts)
 */
import type { PageReport } from './model';
import type { Decision, RatingSettings } from '../warnings/policy';
import type { PageJudgement } from '../warnings/judge';
import type { FoldCount } from '../warnings/fold-count';
import type { SiteRule } from '../sites/rules/rule';
import type { DavCalls, ImportCalls, LibraryEvent, LibraryReply, LibraryRequest, Recalled, RunnerCalls } from '../library/messages';
import { arrayOf, boolean, count, exact, finite, integer, nullable, oneOf, record, string, type Check } from './shape';

/**
 * The content script read its page. Sent again when the decision changes (the reader allowed the
 * story from the popup, or changed the settings).
 */
export interface PageReportMessage {
  type: 'page-report';
  /** An unrated work's report carries the estimate of its text, so decide(report, settings) anywhere gives `decision`. */
  report: PageReport;
  /** The rating gate's decision for the page under the reader's settings now. */
  decision: Decision;
  /** On a listing, the entries the gate folded. */
  folds?: FoldCount;
}

/** "Always allow" the story of the sender's own page. Reply: whether the exception was stored. */
export interface RatingAllowMessage {
  type: 'rating-allow';
  page: Pick<PageReport, 'url' | 'site' | 'title' | 'author'>;
}

/**
 * A site's content script asks for its page's decision, with the estimate of `text` where the
 * report needs one (null: the report's own estimate stands), so the estimate runs off the page's
 * main thread (src/warnings/ext/gate-judge.ts). Reply: the judgement.
 */
export interface GateJudgeMessage {
  type: 'gate-judge';
  report: PageReport;
  text: string | null;
  settings: RatingSettings;
  /**
   * The background keeps the judged report and decision as the page's, as a page-report would, so
   * the script need not send one: each message costs the page's main thread about a millisecond.
   */
  keep: boolean;
}

/** A site's content script asks for the rest of the rating gate in its frame (src/warnings/ext/gate-more.ts). Reply: whether it was injected. */
export interface GateMoreMessage {
  type: 'gate-more';
}

/**
 * What the reading memory and the library hold of these stories (a listing's entries; the
 * background keys them with storyKey), for the listing's marks. Reply: null when the reader
 * turned the marks off.
 */
export interface MemoryGetMessage {
  type: 'memory-get';
  pages: Pick<PageReport, 'url' | 'site' | 'title' | 'author'>[];
}

/** Reply: the stored site rules, as storage holds them (the asker normalizes them). */
export interface SiteRulesGetMessage {
  type: 'site-rules-get';
}

/** The site rules changed: ask again. */
export interface SiteRulesChangedMessage {
  type: 'site-rules-changed';
}

/** The reader picked the parts of its page for a site rule. Reply: whether the rule form opened. */
export interface SiteRulePickedMessage {
  type: 'site-rule-picked';
  rule: SiteRule;
}

type LibraryRequests = { [T in LibraryRequest['type']]: { request: Extract<LibraryRequest, { type: T }>; reply: LibraryReply } };

/** Message type → the message and its reply (void: none is awaited). */
export interface MessageMap extends LibraryRequests, RunnerCalls, ImportCalls, DavCalls {
  'page-report': { request: PageReportMessage; reply: void };
  'rating-allow': { request: RatingAllowMessage; reply: boolean };
  'gate-more': { request: GateMoreMessage; reply: boolean };
  'gate-judge': { request: GateJudgeMessage; reply: PageJudgement };
  'library-event': { request: LibraryEvent; reply: void };
  'site-rules-get': { request: SiteRulesGetMessage; reply: unknown };
  'site-rules-changed': { request: SiteRulesChangedMessage; reply: void };
  'site-rule-picked': { request: SiteRulePickedMessage; reply: boolean };
  'memory-get': { request: MemoryGetMessage; reply: Recalled | null };
}

export type MessageType = keyof MessageMap;
export type Message<T extends MessageType = MessageType> = MessageMap[T]['request'];
export type Reply<T extends MessageType> = MessageMap[T]['reply'];
export type RunnerCallType = keyof RunnerCalls;

// ---- shapes ----

const level = oneOf('general', 'teen', 'mature', 'explicit', 'unknown');
const strings = arrayOf(string);
const optionalString = nullable(string);

const pageReport = record({
  kind: oneOf('story', 'chapter', 'index', 'gate', 'error', 'listing', 'none'),
  url: string,
  site: string,
  title: optionalString,
  author: optionalString,
  fandoms: strings,
  summary: optionalString,
  rating: record({ level, label: optionalString, source: oneOf('site', 'none') }),
  warnings: strings,
  warningsHidden: boolean,
  tags: strings,
  chapter: nullable(record({ index: integer, count: nullable(integer), title: optionalString })),
  words: nullable(finite),
  estimate: nullable(record({ level, reasons: strings })),
  content: nullable(record({ html: string, text: string, words: finite })),
});

const decision = record(
  {
    gate: boolean,
    reasons: arrayOf(record({ kind: oneOf('rating', 'unrated', 'warning', 'tag'), text: string, short: string, why: strings })),
  },
  { allowedBy: oneOf('story', 'author', 'site') },
);

const jobView = record({
  id: string,
  scope: oneOf('chapter', 'story', 'update', 'batch'),
  url: string,
  title: string,
  storyId: optionalString,
  state: oneOf('queued', 'running', 'waiting', 'done', 'failed', 'cancelled'),
  done: count,
  total: nullable(count),
  message: optionalString,
  outcome: nullable(oneOf('saved', 'updated', 'held', 'rejected', 'unchanged')),
  createdAt: finite,
  updatedAt: finite,
});

const ratingSettings = record({
  limit: oneOf('general', 'teen', 'mature', 'explicit'),
  unrated: oneOf('estimate', 'warn'),
  warnings: arrayOf(oneOf('violence', 'death', 'noncon', 'underage', 'unwarned')),
  tags: strings,
  foldUnrated: boolean,
  checkRated: boolean,
  exceptions: record({ stories: strings, authors: strings, sites: strings }),
});

const saveScope = oneOf('chapter', 'story');
const importAs = oneOf('read', 'want');
const importView = record({
  list: oneOf('ao3-bookmarks', 'ao3-later', 'ao3-history', 'ffn-favourites'),
  name: string,
  url: string,
  state: oneOf('running', 'waiting', 'done', 'failed', 'cancelled'),
  page: count,
  pages: count,
  found: count,
  added: count,
  message: optionalString,
});
const davSettings = exact({
  url: string,
  user: string,
  password: string,
  passphrase: optionalString,
  deviceName: string,
  shelf: boolean,
  keep: oneOf('all', 'opened'),
  kosync: nullable(exact({ url: string, user: string, password: string })),
});
const syncStatus = record({
  lastSynced: finite,
  running: boolean,
  step: optionalString,
  done: count,
  total: count,
  error: optionalString,
  ask: nullable(record({ removing: count, before: count })),
  log: arrayOf(record({ at: finite, text: string })),
});
const runs = arrayOf(oneOf('story', 'sidestory', 'apocrypha', 'informational', 'media', 'other'));

/** A page as far as its story's key (storyKey) goes. */
const storyPage = record({ url: string, site: string, title: optionalString, author: optionalString });

/** What each message carries besides its type. */
const FIELDS: { [T in MessageType]: [fields: Record<string, Check>, optional?: Record<string, Check>] } = {
  'page-report': [
    { report: pageReport, decision },
    { folds: record({ works: count, folded: count, reasons: arrayOf(record({ label: string, count })) }) },
  ],
  'rating-allow': [{ page: storyPage }],
  'gate-more': [{}],
  'gate-judge': [{ report: pageReport, text: nullable(string), settings: ratingSettings, keep: boolean }],
  'library-save': [{ scope: saveScope }, { tabId: count }],
  'library-save-url': [{ url: string, title: string }],
  'library-save-batch': [{ tabId: count, onlyNew: boolean }],
  'library-cancel': [{ jobId: string }],
  'library-check': [{}, { storyIds: strings }],
  'library-jobs': [{}],
  'library-sync': [{}],
  'library-event': [{ jobs: arrayOf(jobView), changed: strings }],
  'runner-enqueue-page': [{ snapshot: record({ url: string, html: string }), scope: saveScope, followAdultGate: boolean, runs }],
  'runner-enqueue-url': [{ url: string, title: string, followAdultGate: boolean, runs }],
  'runner-enqueue-batch': [
    { snapshot: record({ url: string, html: string }), site: string, onlyNew: boolean, followAdultGate: boolean, runs },
  ],
  'runner-enqueue-updates': [{ storyIds: nullable(strings), settings: ratingSettings, runs }],
  'runner-cancel': [{ jobId: string }],
  'runner-resume': [{}],
  'runner-import': [{ snapshot: record({ url: string, html: string }), as: importAs }],
  'runner-import-status': [{}],
  'runner-import-stop': [{}],
  'memory-import': [{ tabId: count, as: importAs }],
  'memory-import-status': [{}],
  'memory-import-stop': [{}],
  'memory-import-event': [{ view: importView }],
  'runner-dav-check': [{ settings: davSettings }],
  'runner-dav-sync': [{ settings: davSettings, confirmDeletion: boolean }],
  'runner-dav-status': [{}],
  'runner-dav-forget': [{}],
  'runner-dav-fetch': [{ settings: davSettings, id: string }],
  'dav-connect': [{ settings: davSettings }],
  'dav-sync': [{ confirmDeletion: boolean }],
  'dav-status': [{}],
  'dav-disconnect': [{}],
  'dav-keep': [{ keep: oneOf('all', 'opened') }],
  'dav-fetch-story': [{ id: string }],
  'dav-event': [{ status: syncStatus }],
  'site-rules-get': [{}],
  'site-rules-changed': [{}],
  'memory-get': [{ pages: arrayOf(storyPage) }],
  'site-rule-picked': [{ rule: exact({ host: string, content: string }, { path: string, title: string, next: string, rating: string }) }],
};

/**
 * Who may send each type: the extension's own pages and workers, and/or a content script in a
 * page. Handlers of messages that name a tab, a page or an address check the rest (that a content
 * script names its own).
 */
export type SenderKind = 'extension' | 'content';
const SENDERS: { [T in MessageType]: readonly SenderKind[] } = {
  'page-report': ['content'],
  'rating-allow': ['content'],
  'gate-more': ['content'],
  'gate-judge': ['content'],
  // The reader view's content script saves its own page, follows and cancels its job.
  'library-save': ['extension', 'content'],
  'library-save-url': ['extension', 'content'],
  'library-cancel': ['extension', 'content'],
  'library-save-batch': ['extension'],
  'library-jobs': ['extension', 'content'],
  'library-check': ['extension'],
  'library-sync': ['extension'],
  'library-event': ['extension'],
  'runner-enqueue-page': ['extension'],
  'runner-enqueue-url': ['extension'],
  'runner-enqueue-batch': ['extension'],
  'runner-enqueue-updates': ['extension'],
  'runner-cancel': ['extension'],
  'runner-resume': ['extension'],
  'runner-import': ['extension'],
  'runner-import-status': ['extension'],
  'runner-import-stop': ['extension'],
  'memory-import': ['extension'],
  'memory-import-status': ['extension'],
  'memory-import-stop': ['extension'],
  'memory-import-event': ['extension'],
  'runner-dav-check': ['extension'],
  'runner-dav-sync': ['extension'],
  'runner-dav-status': ['extension'],
  'runner-dav-forget': ['extension'],
  'runner-dav-fetch': ['extension'],
  'dav-connect': ['extension'],
  'dav-sync': ['extension'],
  'dav-status': ['extension'],
  'dav-disconnect': ['extension'],
  'dav-keep': ['extension'],
  'dav-fetch-story': ['extension'],
  'dav-event': ['extension'],
  'site-rules-get': ['extension'],
  'site-rules-changed': ['extension'],
  'site-rule-picked': ['content'],
  'memory-get': ['content'],
};

/** Whether a message of `type` may come from a sender of this kind (null: no part of Slipcase). */
export const maySend = (type: MessageType, kind: SenderKind | null): boolean => kind !== null && SENDERS[type].includes(kind);

const CHECKS = Object.fromEntries(
  Object.entries(FIELDS).map(([type, [fields, optional]]) => [type, exact({ type: oneOf(type), ...fields }, optional)]),
) as Record<MessageType, Check>;

const isMessageType = (t: unknown): t is MessageType => typeof t === 'string' && Object.hasOwn(CHECKS, t);

/** The message, when `raw` is exactly one of the map's; null for anything else. */
export function parseMessage(raw: unknown): Message | null {
  const type = (raw as { type?: unknown } | null)?.type;
  return isMessageType(type) && CHECKS[type](raw) ? (raw as Message) : null;
}
