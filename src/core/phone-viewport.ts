/**
 * A page without a viewport tag is laid out 980 px wide on a phone and shown zoomed out, and
 * Slipcase's own UI over it (the reader, the content-warning interstitial) with it, its text too
 * small to read. While such UI covers the page, the page's viewport is the phone's width, as
 * Slipcase's own pages have; `restore` gives the page back the tag it had, or none. Desktop
 * browsers ignore the tag.
 */
export function phoneViewport(doc: Document): { cover(): void; restore(): void } {
  const own = doc.head?.querySelector<HTMLMetaElement>('meta[name="viewport" i]') ?? null;
  const content = own?.getAttribute('content') ?? null;
  const meta = own ?? doc.createElement('meta');
  return {
    cover() {
      meta.name = 'viewport';
      meta.content = 'width=device-width, initial-scale=1, minimum-scale=1';
      if (!own) (doc.head ?? doc.documentElement).append(meta);
    },
    restore() {
      if (!own) meta.remove();
      else if (content === null) meta.removeAttribute('content');
      else meta.content = content;
    },
  };
}
