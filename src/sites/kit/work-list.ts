/**
 * The works a series or creator's page lists, for saving them as one batch (src/library/jobs/batch.ts).
 * Each site that has such pages reads them (src/sites/<id>/work-list.ts: AO3, FFN, eFiction);
 * `readWorkList` picks the reader by site. Every address comes from a hostile page: only links on
 * the page's own host, in the site's work shape, are kept.
 */
import { ao3WorkList, ao3WorkListKind } from '../ao3/work-list';
import { ffnWorkList, ffnWorkListKind } from '../ffn/work-list';
import { efictionWorkList, efictionWorkListKind } from '../efiction/work-list';
import type { WorkList } from './listed-works';

export type { WorkList } from './listed-works';

const READERS: Record<string, { kind(url: string): WorkList['kind'] | null; read(doc: Document, url: string): WorkList | null }> = {
  ao3: { kind: ao3WorkListKind, read: ao3WorkList },
  ffn: { kind: ffnWorkListKind, read: ffnWorkList },
  efiction: { kind: efictionWorkListKind, read: efictionWorkList },
};

/** Whether the page at `url` of `site` is a list of works Slipcase can save as a batch. */
export const listsWorks = (site: string, url: string): boolean =>
  Object.hasOwn(READERS, site) ? READERS[site]!.kind(url) !== null : false;

/** The works the page lists, in order; null when it is no list of works of `site`. */
export const readWorkList = (site: string, doc: Document, url: string): WorkList | null =>
  Object.hasOwn(READERS, site) ? READERS[site]!.read(doc, url) : null;
