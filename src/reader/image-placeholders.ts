/**
 * Pictures of saved chapters that live on the web. A saved story is read with no network: an
 * <img> loading from its host each time the chapter is shown would tell that host who reads what,
 * and when. Wherever a saved chapter leaves the library (the offline reader, the EPUB), such an
 * image stands in as a link to it, named by its alt text or its file name, so it is fetched only
 * if the reader opens it. Embedded (data:) pictures cost no request and stay.
 */

/** The placeholder's title: read.css finds the placeholders by it, as the sanitiser keeps no class. */
const PLACEHOLDER_TITLE = 'Image not loaded';

const webAddress = (src: string): URL | null => {
  const url = URL.canParse(src) ? new URL(src) : null;
  return url && /^https?:$/.test(url.protocol) ? url : null;
};

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** What a placeholder calls an image: its alt text, else its file name, else its host; null for none. */
export function imageName(img: Element): string | null {
  const alt = img.getAttribute('alt')?.trim();
  if (alt) return alt;
  const url = webAddress(img.getAttribute('src') ?? '');
  if (!url) return null;
  const file = url.pathname.split('/').filter(Boolean).pop();
  return file ? decoded(file) : url.hostname;
}

/** The address a placeholder may link to: the image's own, unless it already sits in a link. */
export function imageLink(img: Element): URL | null {
  const url = webAddress(img.getAttribute('src') ?? '');
  return url && !img.closest('a') ? url : null;
}

/**
 * Replaces every image under `root` whose src is not a data: URI with a placeholder: "Image: name
 * — open", a link opening the picture in a new tab (with no referrer), or, for an image inside a
 * link already, the text alone. It adds only what the sanitiser keeps (a link, its title, target
 * and rel), so sanitised HTML stays sanitised.
 */
export function placeholdRemoteImages(root: Element): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    if (!/^data:/i.test(img.getAttribute('src')?.trim() ?? '')) placeholdImage(img);
  }
}

/** One image replaced by its placeholder (see placeholdRemoteImages). */
export function placeholdImage(img: Element): void {
  const doc = img.ownerDocument;
  const name = imageName(img);
  const label = name ? `Image: ${name}` : 'Image';
  const link = imageLink(img);
  const holder = doc.createElement(link ? 'a' : 'span');
  holder.setAttribute('title', link ? `${PLACEHOLDER_TITLE}: opens ${link.host} in a new tab` : PLACEHOLDER_TITLE);
  if (link) {
    holder.setAttribute('href', link.href);
    holder.setAttribute('target', '_blank');
    holder.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  holder.textContent = link ? `${label} — open` : label;
  img.replaceWith(holder);
}
