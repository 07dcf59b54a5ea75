/**
 * "Label: value" metadata as archives print it: lines of an author's header ("Rating: R"), fields
 * of one dashed line ("Rated: T - English - Words: 1,234"), `<b>Label:</b> value` runs and
 * `<span class="label">` pairs.
 */
import { cleanText, squash } from '../../core/dom';

/** "Rated: Fiction M - English - Romance - Words: 12,345" → its fields. */
export function dashFields(line: string): string[] {
  return line === '' ? [] : line.split(/\s+-\s+/);
}

/** The value of the field that starts "Key:", squashed; null when there is none. */
export function fieldValue(fields: string[], key: string): string | null {
  const prefix = key + ':';
  const f = fields.find((x) => x.startsWith(prefix));
  return f ? squash(f.slice(prefix.length)) : null;
}

/**
 * `<b>Rating:</b> NC-17 - <b>Warning:</b> none -` runs: each label's key (lower case, no colon)
 * and the text right after it, trimmed of the run's ": - ," punctuation. The first of a key wins.
 */
export function boldPairs(labels: Element[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const b of labels) {
    const key = cleanText(b).replace(/:$/, '').trim().toLowerCase();
    const next = b.nextSibling?.nodeType === 3 ? (b.nextSibling.textContent ?? '') : '';
    const value = squash(next).replace(/^[\s:,-]+|[\s:,-]+$/g, '');
    if (key && !pairs.has(key)) pairs.set(key, value);
  }
  return pairs;
}

/** The text and elements after a label up to the next label or line break. */
export function nodesAfterLabel(label: Element, isLabel: (el: Element) => boolean): Node[] {
  const nodes: Node[] = [];
  for (let n = label.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n.nodeName === 'BR' || isLabel(n as Element))) break;
    if (n.nodeType === 1 || n.nodeType === 3) nodes.push(n);
  }
  return nodes;
}

/** The rest of the first line that starts with `label` (e.g. /^Rating:/i), or null. */
export function lineValue(lines: string[], label: RegExp): string | null {
  for (const line of lines) {
    const m = line.match(label);
    if (m && m.index === 0) {
      const v = line.slice(m[0].length).trim();
      if (v) return v;
    }
  }
  return null;
}
