/**
 * FanFiction.net's fixture work (five chapters) as it stands after its author deleted chapter 2 and
 * posted a new last chapter. The site renumbers: chapters 3 to 5 move to /s/ID/2/ to /s/ID/4/, the
 * new one is /s/ID/5/, and the count stays 5. Counting chapters sees nothing new here.
 */
export const NEW_LAST = {
  title: 'Packing the Extension',
  word: 'lanternfish',
  html: '<p>Packing the extension for the store takes a lanternfish of patience and a zip file.</p>',
};

/** The old chapters at places 1 to 5 now (0: the new one). */
export const REWRITTEN_ORDER = [1, 3, 4, 5, 0] as const;

/** Place → page, from `pageOf(n)`: the fixture's page of old chapter n. */
export function ffnAfterRewrite(pageOf: (n: number) => string): Map<number, string> {
  const titles = new Map(
    [...pageOf(1).matchAll(/<option value="(\d+)"[^>]*>\d+\.\s*([^<]*)<\/option>/g)].map((m) => [Number(m[1]), m[2]!]),
  );
  const options = (selected: number) =>
    REWRITTEN_ORDER.map((old, i) => {
      const place = i + 1;
      return `<option value="${place}"${place === selected ? ' selected=""' : ''}>${place}. ${old ? titles.get(old) : NEW_LAST.title}</option>`;
    }).join('');
  const pages = new Map<number, string>();
  REWRITTEN_ORDER.forEach((old, i) => {
    const base = pageOf(old || 5).replace(
      /(<select id="chap_select"[^>]*>)[\s\S]*?(<\/select>)/g,
      (_, open: string, close: string) => open + options(i + 1) + close,
    );
    pages.set(i + 1, old ? base : base.replace(/(<div[^>]*id="storytext">)[\s\S]*?<\/div>/, `$1${NEW_LAST.html}</div>`));
  });
  return pages;
}
