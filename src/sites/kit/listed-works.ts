/** A list of works as the sites' readers give it (./work-list.ts), and the check every address on it passes. */
export interface ListedWork {
  /** The work's address, in the site's canonical shape. */
  url: string;
  title: string;
  /** Its part in the series (AO3's "Part n of"); null off a series. */
  part: number | null;
}

export interface WorkList {
  kind: 'series' | 'author';
  /** The series' title, or "Works by <creator>". */
  title: string;
  /** The list's first page: the series' own address for a series. */
  url: string;
  works: ListedWork[];
  /** The list's next page, if it has one. */
  next: string | null;
}

/** `href` resolved against the page, when it stays on the page's host and scheme. */
export function sameHost(href: string | null | undefined, page: URL): URL | null {
  if (!href || !URL.canParse(href, page)) return null;
  const url = new URL(href, page);
  return url.host === page.host && url.protocol === page.protocol ? url : null;
}
