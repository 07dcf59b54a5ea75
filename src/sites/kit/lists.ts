/** Metadata lists as archives print them, where "None" stands for an empty list. */

/** An item that says the list is empty: "None", "none.", "None given". */
const NONE = /^none\b/i;

/** True when a whole value says "none" ("None", "none.", "None given"). */
export function saysNone(value: string): boolean {
  return NONE.test(value.trim());
}

/** The items that name something: empties and "none" items dropped. */
export function withoutNone(items: string[]): string[] {
  return items.filter((s) => s !== '' && !NONE.test(s));
}

/** The items of a list value split on `separator`, trimmed, without empties and "none" items. */
export function listItems(value: string | null | undefined, separator: RegExp | string = ','): string[] {
  if (!value) return [];
  return withoutNone(value.split(separator).map((s) => s.trim()));
}
