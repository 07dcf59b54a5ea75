/**
 * Words nearly every English story's text holds. The index also records, for each of them, the
 * stories whose text lacks it (search-index.ts), and a search for one in the text reads that list
 * and takes it from all the stories: a handful of index entries instead of one per story. At
 * 10,000 stories "the" in the text took ~200 ms in Chromium, nearly all of it reading its 10,000
 * index entries (~20 µs each, as Chromium checks each entry against its record). Summaries are
 * short: of these words only "the" is in most of them (COMMON_IN_SUMMARIES).
 *
 * The list costs a story one index key for each of these words it lacks: none for most stories,
 * a few for a short one, all of them for a story in another language (60 on a typical story's
 * 2,400). So it holds only words that almost every story of a few hundred words uses, and
 * only English, the language of most stories on the archives Slipcase reads.
 *
 * Stored keys depend on this list: a change needs a migration step (db/schema.ts).
 */
export const COMMON_WORDS: readonly string[] = [
  'the',
  'and',
  'to',
  'a',
  'of',
  'in',
  'was',
  'it',
  'he',
  'she',
  'i',
  'you',
  'that',
  'his',
  'her',
  'had',
  'with',
  'for',
  'on',
  'as',
  'at',
  'but',
  'not',
  'be',
  'is',
  'they',
  'said',
  'him',
  'have',
  'so',
  'this',
  'from',
  'all',
  'out',
  'up',
  'there',
  'what',
  'one',
  'were',
  'back',
  'just',
  'like',
  'into',
  'no',
  'if',
  'then',
  'an',
  'been',
  'about',
  'them',
  'would',
  'could',
  'me',
  'my',
  'we',
  'do',
  'when',
  'know',
  'did',
  'didnt',
];

/**
 * Words nearly every summary holds: "the" was in 93% of the bench library's summaries (3,000
 * stories), and its search in them took 45% of the time of "the" as typed. The next words ("and",
 * "to", "a", "of") are in about half, where lacking keys would save little and cost a key a story.
 */
export const COMMON_IN_SUMMARIES: readonly string[] = ['the'];
