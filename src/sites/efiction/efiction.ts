/**
 * eFiction: the PHP archive software behind dozens of small archives on their own hosts
 * (viewstory.php?sid=N). Recognised on any host by its URL shape and markup, so it sits after
 * every host-specific adapter in the registry. The family's parts: recognise.ts (whose pages),
 * labels.ts (the label pairs), story-page.ts (page kinds and metadata), reader.ts (text and
 * navigation), whole-work.ts (the printable story and the age gate, for the library).
 */
import { $ } from '../../core/dom';
import { emptyInfo } from '../../core/model';
import { definePages, defineSite } from '../kit/define-site';
import { extract, nav } from './reader';
import { ARCHIVES, archiveHosts, efictionMarkup, efictionUrl, knownArchive } from './recognise';
import { phpScript } from '../kit/php-archive';
import { isGate, isListing, readBlurb, readStoryPage } from './story-page';
import { adultGate, splitChapters, wholeWork } from './whole-work';

export const efictionPages = definePages({
  id: 'efiction',
  name: 'eFiction archive',
  hosts: ARCHIVES.flatMap((a) => archiveHosts(a.host).map((h) => `*://${h}${a.path}*`)),
  family: true,
  claims: (doc, url) => knownArchive(url) || efictionUrl(doc, url) || efictionMarkup(doc),
  storyBody: ['#story', 'div.chapter'],
  read(doc, url) {
    const err = $(doc, 'div.errortext, div.errormsg');
    const storyPage =
      phpScript(url) === 'viewstory.php' || !!$(doc, '#pagetitle a[href*="viewstory.php"], #story, div.infobox') || (!!err && isGate(err));
    if (storyPage) return readStoryPage(doc, url);
    return emptyInfo(isListing(doc, url) ? 'listing' : 'none');
  },
  extract,
  blurbs: { selector: 'div.listbox', read: readBlurb },
});

export const efiction = defineSite(efictionPages, {
  nav,
  wholeWork,
  splitChapters,
  adultGate,
});
