import type { ChapterNav, PageInfo } from '../core/model';

/** One work's entry on a listing page (search, tag, browse results), read into the model. */
export interface Blurb {
  /** The work's address, absolute; null when the entry links to none. */
  url: string | null;
  info: PageInfo;
  /** The chapters the entry says the work has posted (AO3 "5/10": 5); absent when it says none. */
  posted?: number | null;
}

/** How an adapter reads the work entries of its listing pages. */
export interface BlurbReader {
  /** Selects each entry's element; it also goes into the early cover (see `cover`). */
  selector: string;
  /** Reads one entry; null for an element that is not a work's entry (a series, a collection). */
  read(el: Element, url: URL): Blurb | null;
}

/**
 * A note the author wrote around the story (summary, author's note), shown collapsible in the
 * reader. `nodes` are the page's own nodes, in order.
 */
export interface ExtractedNote {
  label: string;
  nodes: Node[];
  position: 'before' | 'after';
}

/**
 * Where the story sits on a page. Adapters only point at the page's nodes: the reader copies them
 * into an inert document before it touches anything, so the live page is never changed.
 */
export interface Extraction {
  /**
   * The story body in reading order: the page's nodes (elements, or text runs on old pages), and
   * headings made for the reader (chapter titles of a whole work, threadmark labels).
   */
  body: Node[];
  notes: ExtractedNote[];
  /** Site chrome inside the body and notes (landmarks, hidden anti-piracy lines): removed from the copy. */
  drop?: string[];
  /** Wrappers whose words belong to the story but whose element does not (in-text ad links): replaced by their contents. */
  unwrap?: string[];
}

/**
 * One chapter of a page that holds a whole work (AO3's "Entire Work", eFiction's printable
 * story), pointed at the same way `extract` points at a single chapter, so the library saves
 * each chapter exactly as the reader would show it on its own page.
 */
export interface SplitChapter {
  /** The site's 1-based chapter number; null where the site numbers none (a forum's threadmarked posts). */
  number: number | null;
  /** The chapter's own title, as the chapter page reports it: null for a bare "Chapter 3". */
  title: string | null;
  /** The chapter's own page, absolute; null when the whole-work page does not say. */
  url: string | null;
  /** Its text and the notes a reader of the chapter page would see around it. */
  extraction: Extraction;
}

/**
 * A site adapter: one file per archive (or archive software family). It declares where it applies
 * and reads a page into the shared model. Pure DOM-in, data-out: no extension APIs, so it runs in
 * the content script, the tests and the `inspect` CLI alike.
 *
 * The registry asks adapters in order; the first whose `claims` accepts the page reads it.
 *
 * `SitePages` is the part the rating gate reads pages with, which a site's always-on content
 * script bundles; the rest (navigation, the library's whole-work reading) only the reader and the
 * library load. A site declares the two apart (src/sites/kit/define-site.ts) so the first stays small.
 */
export interface SitePages {
  /** Short id reported as `site`, e.g. "ao3". */
  id: string;
  /** Human name for the popup, e.g. "Archive of Our Own". */
  name: string;
  /**
   * Match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns)
   * of the hosts this adapter knows. They become host permissions and content-script matches, so
   * the content script runs there without a click. Empty for adapters that only run on click.
   */
  hosts: string[];
  /**
   * A software family (OTW, eFiction, XenForo): it recognises its markup on any host, and each
   * host it lists is an archive of its own.
   */
  family?: boolean;
  /**
   * A family's domains that are other addresses of one of its archives (AO3's archiveofourown.com
   * → archiveofourown.org): listed as hosts of that archive, not as archives of their own.
   */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Does this adapter own the page? Host adapters check the URL; family adapters (OTW, eFiction,
   * XenForo) also recognise their software's markup on any host.
   */
  claims(doc: Document, url: URL): boolean;
  /** Read the page kind and metadata. Only called after `claims` accepted the page. */
  read(doc: Document, url: URL): PageInfo;
  /**
   * Pick the story body and the author's notes precisely. Null when the page does not have the
   * markup the adapter knows: the reader then falls back to Readability.
   */
  extract(doc: Document, url: URL): Extraction | null;
  /**
   * CSS selectors of the elements that hold story text. On the adapter's hosts the content script
   * hides them from the first paint until the rating gate has decided, so they must be plain
   * selectors that hold before the page's scripts run, one selector each (no lists: the manifest's
   * cover style scopes each one, warnings/early-cover.ts#manifestCoverCss). Empty for adapters without hosts.
   */
  cover: string[];
  /** The work entries of listing pages, where the adapter knows them: the gate folds those above the reader's limits. */
  blurbs?: BlurbReader;
}

/** A whole site definition: its pages (SitePages), and what the reader and the library read of a work. */
export interface SiteAdapter extends SitePages {
  /** The previous and next chapter and the chapter list, as far as the page shows them. */
  nav(doc: Document, url: URL): ChapterNav;
  /**
   * The address of the site's view of the whole work on one page (AO3 `view_full_work`, eFiction's
   * printable story), for any page of the work; null where the site has none or the page belongs
   * to no work. Consent the page's address already carries (AO3 `view_adult`) carries over.
   */
  wholeWork?(doc: Document, url: URL): string | null;
  /**
   * A whole-work page cut into its chapters, in reading order; null when the page is not one
   * (a chapter page or one-shot reads as one chapter through `extract`).
   */
  splitChapters?(doc: Document, url: URL): SplitChapter[] | null;
  /**
   * On an adult-content or age-consent gate: the address that answers "I am an adult, continue",
   * for the page the gate stands in front of. Null on any other page. The library follows it only
   * when the reader's settings allow.
   */
  adultGate?(doc: Document, url: URL): string | null;
  /**
   * The story's language where the site states it apart from the page's own (AO3 says "Language:"
   * under an English interface): the reader and read aloud use it over the page's `lang`.
   */
  language?(doc: Document): string | null;
  /**
   * Story text the page loads after it shows (Asianfanfics fetches each chapter's text with htmx):
   * the element it goes into and the address it comes from. The library reads fetched pages
   * without running their scripts, so it fetches the text itself. Null when the text is on the page.
   */
  lateText?(doc: Document, url: URL): LateText | null;
  /**
   * A work whose chapters are filed in several runs of pages (a forum thread's threadmark
   * categories: the story, side stories, apocrypha…): each run's first page, in the site's order.
   * Saving walks the runs the reader chose, each by its `next` links; null where the page has none.
   */
  workRuns?(doc: Document, url: URL): WorkRun[] | null;
}

/** What a run of a work holds, for the reader's choice of what to save (src/library/save-settings.ts). */
export type RunKind = 'story' | 'sidestory' | 'apocrypha' | 'informational' | 'media' | 'other';

export interface WorkRun {
  kind: RunKind;
  /** The site's own name for it ("Sidestory", "Omake"). */
  name: string;
  /** Its first page, absolute. */
  url: string;
}

export interface LateText {
  into: Element;
  url: string;
}
