/** Chapter numbers written out, as old hand-built pages head them ("Chapter Twelve"). */

export const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'] as const;

/** A regular-expression alternative matching any number word ("one|two|…"). */
export const NUMBER_WORD_PATTERN = NUMBER_WORDS.join('|');

/** "12" or "twelve" → 12; null for anything else (including "1.1" serial numbering). */
export function chapterNumber(s: string): number | null {
  const n = s.trim().toLowerCase();
  if (/^\d+$/.test(n)) return Number(n);
  const at = (NUMBER_WORDS as readonly string[]).indexOf(n);
  return at < 0 ? null : at + 1;
}
