/**
 * The word lists behind the text estimator (src/warnings/estimate/estimate.ts), kept apart so the scoring code
 * stays readable and the lists can be reviewed on their own.
 *
 * Each entry is a regular-expression fragment for one word or short phrase, matched
 * case-insensitively and only as a whole word (the estimator adds the word boundaries). Entries
 * are deliberately plain: the standard vocabulary a content rating turns on, no more. Words that
 * are mostly innocent in fiction ("come", "climax", "wet", "shot", "fight", "hell") are left out on
 * purpose, as are the words of a sword fight ("thrust", "naked blade"): a false Explicit hides a
 * story behind a warning it does not deserve. The estimator's passage rules (several signals in
 * one passage) do the rest.
 *
 * Categories:
 * - sexExplicit: genital and sex-act vocabulary that only explicit scenes use. Crude words used
 *   mostly as insults ("cunt") count as strong language, and "tits" as suggestive, so a foul-mouthed
 *   argument is not taken for a sex scene.
 * - sexSuggestive: nudity, arousal and sex mentioned without explicit detail.
 * - violenceGraphic: gore, mutilation, torture and sexual violence.
 * - violence: killing, weapons and injury without gore.
 * - languageStrong: the strongest swearwords.
 * - languageMild: milder swearing.
 *
 * Within one match the first category wins, so multi-word phrases that turn a swearword into a
 * sex act ("fucked her") sit in sexExplicit, which is tried first.
 */

export type LexiconCategory = 'sexExplicit' | 'sexSuggestive' | 'violenceGraphic' | 'violence' | 'languageStrong' | 'languageMild';

/** Object pronouns and possessives, for phrases like "inside her" and "between his legs". */
const OBJ = '(?:her|him|me|them|you)';
/** Partners of a sex act: "fuck you" and "fuck me" are mostly swearing, so they are left out. */
const PARTNER = '(?:her|him|them)';
const POSS = '(?:her|his|my|their|your)';

export const LEXICON: Readonly<Record<LexiconCategory, readonly string[]>> = {
  sexExplicit: [
    'cocks?',
    'puss(?:y|ies)',
    'clit(?:oris|orises|s)?',
    'penis(?:es)?',
    'vagina[ls]?',
    'vulva',
    'labia',
    'erections?',
    'hard-ons?',
    'orgasm(?:s|ed|ing|ic)?',
    'ejaculat(?:e|es|ed|ing|ion)',
    'semen',
    'cum(?:s|med|ming)?',
    'pre-?cum',
    'blow ?jobs?',
    'hand ?jobs?',
    'masturbat(?:e|es|ed|ing|ion)',
    'dildos?',
    `(?:fuck|fucks|fucked|fucking) ${PARTNER}`,
    `${POSS} (?:folds|shaft|entrance)`,
    `went down on ${OBJ}`,
  ],
  sexSuggestive: [
    'breasts?',
    'tits',
    'nipples?',
    'naked(?! (?:blade|steel|sword|eye|flame|truth))',
    'nude',
    'arous(?:al|ed|es|ing)',
    'moan(?:s|ed|ing)?',
    'horny',
    'erotic',
    'sex',
    'sexual(?:ly)?',
    'sexy',
    'lust(?:s|ed|ing|ful)?',
    'undress(?:es|ed|ing)?',
    `(?:make|makes|made|making) love`,
    `inside ${OBJ}`,
    `between ${POSS} (?:legs|thighs)`,
  ],
  violenceGraphic: [
    'gore',
    'gory',
    'disembowel(?:s|ed|led|ing|ling|ment)?',
    'eviscerat(?:e|es|ed|ing|ion)',
    'entrails',
    'intestines',
    'innards',
    'dismember(?:s|ed|ing|ment)?',
    'decapitat(?:e|es|ed|ing|ion)',
    'beheaded',
    'mutilat(?:e|es|ed|ing|ion)',
    'tortur(?:e|es|ed|ing|er|ers)',
    'impaled',
    'gouged',
    'flayed',
    'maggots',
    'massacre[ds]?',
    'rap(?:e|es|ed|ing|ist|ists)',
    `slit ${POSS} throat`,
    'throat was slit',
    'blood (?:spurted|sprayed|gushed|pooled|splattered)',
    'severed (?:head|arm|leg|hand|limb)s?',
    '(?:skull|bone|bones) (?:cracked|shattered|snapped|crunched)',
    'bled out',
    'bleeding out',
  ],
  violence: [
    'kill(?:s|ed|ing|er|ers)?',
    'murder(?:s|ed|ing|er|ers|ous)?',
    'stab(?:s|bed|bing)?',
    'shoot(?:s|ing)?',
    'guns?',
    'knife',
    'knives',
    'blood',
    'bleed(?:s|ing)?',
    'bled',
    'wounded',
    'corpses?',
    'dead body',
    'strangl(?:e|es|ed|ing)',
    'slaughter(?:s|ed|ing)?',
    'punch(?:ed|ing)',
  ],
  languageStrong: [
    '(?:mother)?fuck(?:s|ed|er|ers|ing|in)?',
    'shit(?:s|ty|ting|head)?',
    'bullshit',
    'assholes?',
    'cunts?',
    'bitch(?:es|ing|y)?',
    'cocksuckers?',
    'twats?',
    'wankers?',
    'goddamn(?:it|ed)?',
  ],
  languageMild: ['damn(?:ed|it)?', 'crap(?:py)?', 'bastards?', 'piss(?:ed)?', 'arse', 'bollocks', 'bugger'],
};

/**
 * Words that count only when written in lower case: the capitalised forms are names (Dick
 * Grayson, Willy) far more often than swearwords in fiction.
 */
export const LOWER_CASE_ONLY: Readonly<Partial<Record<LexiconCategory, readonly string[]>>> = {
  languageStrong: ['dicks?', 'pricks?'],
};
