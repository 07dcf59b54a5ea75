/**
 * The chapter a `<select>` jump menu shows: the shape FanFiction.net, eFiction, AdultFanFiction,
 * TtH and Bloodshed share. The menu's selected option is the page's chapter; without one, the
 * site says which option the page is (by its value or place).
 */
import type { ChapterInfo } from '../../core/model';
import { cleanText } from '../../core/dom';

export interface MenuReading {
  /** The page's option when none is marked selected: by its value attribute, or its place (0-based). */
  current?: (value: string | null, place: number) => boolean;
  /** Fall back to the first option when nothing else names the page's chapter. */
  orFirst?: boolean;
  /** The chapter number: the option's value where it is a number (FFN, eFiction), or its place. */
  indexFrom?: 'value' | 'place';
  /** Entries read "3. Title": the number is dropped from the title. */
  numbered?: boolean;
}

/** The page's chapter in a menu of at least two options; null for a one-chapter menu or no match. */
export function menuChapter(options: Element[], how: MenuReading = {}): ChapterInfo | null {
  if (options.length < 2) return null;
  let place = options.findIndex((o) => o.hasAttribute('selected'));
  if (place < 0 && how.current) place = options.findIndex((o, i) => how.current!(o.getAttribute('value'), i));
  if (place < 0 && how.orFirst) place = 0;
  const option = options[place];
  if (!option) return null;
  const value = option.getAttribute('value') ?? '';
  const label = cleanText(option);
  const title = how.numbered === false ? label : label.replace(/^\d+\.\s*/, '');
  return {
    index: how.indexFrom === 'value' && /^\d+$/.test(value) ? Number(value) : place + 1,
    count: options.length,
    title: title === '' ? null : title,
  };
}
