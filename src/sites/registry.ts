/**
 * The ordered registry of site adapters. The first adapter that claims a page reads it, so
 * host-specific adapters come first, software families that recognise markup on any host next,
 * and the generic adapter last. Adding a site: one folder `<id>/` (definition, test, pages), one line here (see the README).
 */
import type { SiteAdapter } from './types';
import { ao3 } from './ao3/ao3';
import { ffn } from './ffn/ffn';
import { allaboutspike } from './allaboutspike/allaboutspike';
import { royalroad } from './royalroad/royalroad';
import { xenforo } from './xenforo/xenforo';
import { tth } from './tth/tth';
import { bloodshedverse } from './bloodshedverse/bloodshedverse';
import { fimfiction } from './fimfiction/fimfiction';
import { wattpad } from './wattpad/wattpad';
import { literotica } from './literotica/literotica';
import { aff } from './aff/aff';
import { dreamwidth } from './dreamwidth/dreamwidth';
import { storiesonline } from './storiesonline/storiesonline';
import { nifty } from './nifty/nifty';
import { hpff } from './hpff/hpff';
import { scribblehub } from './scribblehub/scribblehub';
import { ficbook } from './ficbook/ficbook';
import { siye } from './siye/siye';
import { ashwinder } from './ashwinder/ashwinder';
import { inkitt } from './inkitt/inkitt';
import { quotev } from './quotev/quotev';
import { fanfiktion } from './fanfiktion/fanfiktion';
import { ficwad } from './ficwad/ficwad';
import { tumblr } from './tumblr/tumblr';
import { asianfanfics } from './asianfanfics/asianfanfics';
import { mediaminer } from './mediaminer/mediaminer';
import { wuxiaworld } from './wuxiaworld/wuxiaworld';
import { tapas } from './tapas/tapas';
import { efiction } from './efiction/efiction';
import { generic } from './generic/generic';
import { pickAmong, type SitePick } from './pick';
import { patternMatches } from './kit/match-pattern';
import { RULE_SITE } from './rules/rule-adapter';

export const SITES: readonly SiteAdapter[] = [
  ao3,
  ffn,
  allaboutspike,
  royalroad,
  xenforo,
  tth,
  bloodshedverse,
  fimfiction,
  wattpad,
  literotica,
  aff,
  dreamwidth,
  storiesonline,
  nifty,
  hpff,
  scribblehub,
  ficbook,
  siye,
  ashwinder,
  inkitt,
  quotev,
  fanfiktion,
  ficwad,
  tumblr,
  asianfanfics,
  mediaminer,
  wuxiaworld,
  tapas,
  efiction,
  generic,
];

/** Every host pattern the adapters know: host permissions and content-script matches. */
export function knownHostPatterns(): string[] {
  return Array.from(new Set(SITES.flatMap((s) => s.hosts))).sort();
}

/** The adapter that reads a page, asking every site (./pick.ts). */
export const adapterFor: SitePick = pickAmong(SITES);

/**
 * The site of its own whose hosts hold this address, if any: the one the reader's content script
 * needs beside the families it carries (./reader-sites.ts). Families are not looked for here.
 */
export function hostSiteFor(url: URL): SiteAdapter | null {
  return SITES.find((s) => !s.family && s.hosts.some((h) => patternMatches(h, url))) ?? null;
}

/** The human name of an adapter id, for the popup. */
export function siteName(id: string): string {
  return SITES.find((s) => s.id === id)?.name ?? (id === RULE_SITE.id ? RULE_SITE.name : id);
}
