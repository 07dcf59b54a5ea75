/**
 * Images on a page no site rule knows, read by Readability: a lazily loaded picture must not get a
 * live src (it becomes a placeholder link, as saved chapters show remote images), and tracking
 * pixels, in the post or in the footer after it, never reach the story.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../scripts/lib/html';
import { readerView } from '../view';

const URL_ = 'https://inkwell-fics.example.org/2009/04/harbour-lights/';
const BLANK = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const narration =
  'The ferry left at six, whether or not anyone was on it. Mara had learned that the hard way, standing on the pier with her bag and watching the lights slide out across the grey water.';
const story = Array.from({ length: 10 }, (_, i) => `<p>${narration} ${i}</p><p>"Me again," she said.</p>`).join('\n');

/** A WordPress-style blog post holding a story, with a lazy-loading theme and stats pixels. */
const page = `<!DOCTYPE html><html lang="en"><head><title>Harbour Lights | Inkwell Fics</title></head>
<body class="single-post">
<header id="masthead" class="site-header"><h1 class="site-title"><a href="/">Inkwell Fics</a></h1>
<nav class="main-navigation"><a href="/">Home</a> <a href="/fics/">Fics</a> <a href="/about/">About</a></nav></header>
<div id="content" class="site-content"><main id="main"><article class="post type-post">
<header class="entry-header"><h2 class="entry-title">Harbour Lights</h2></header>
<div class="entry-content">
<p>Author: Wren Halloway</p><p>Rating: PG-13</p><p>Pairing: Mara/Tom</p><p>Disclaimer: Mine, all mine.</p>
<p><img class="lazyload" src="${BLANK}" data-src="/wp-content/uploads/2009/04/harbour-banner.jpg" alt="Harbour at dusk" width="600" height="200"></p>
${story}
<p><img src="https://pixel.stats.example.net/g.gif?v=ext&amp;post=412" width="1" height="1" alt=""></p>
<p>~ The End ~</p>
</div></article></main></div>
<footer id="colophon" class="site-footer"><p>Proudly powered by WordPress</p>
<img src="https://tracker.example.com/px?id=88" style="width:1px;height:1px" alt=""><img src="https://ads.example.com/b.gif" width="0" height="0"></footer>
</body></html>`;

describe('images on an unknown-site story page', () => {
  const view = readerView(parseHtml(page, URL_), URL_)!;
  const box = parseHtml(`<body>${view.content.html}</body>`, URL_).body;

  it('is read by Readability as a story', () => {
    expect(view.report).toMatchObject({ kind: 'story', site: 'generic' });
    expect(view.content.text).toContain('Me again');
  });

  it('gives a lazy image no live src: it is a placeholder link to the picture', () => {
    expect(Array.from(box.querySelectorAll('img[src]'), (i) => i.getAttribute('src'))).not.toContain(
      'https://inkwell-fics.example.org/wp-content/uploads/2009/04/harbour-banner.jpg',
    );
    expect(box.querySelector('img[src*="harbour-banner"]')).toBeNull();
    const link = box.querySelector('a[title^="Image not loaded"]');
    expect(link?.getAttribute('href')).toBe('https://inkwell-fics.example.org/wp-content/uploads/2009/04/harbour-banner.jpg');
    expect(link?.textContent).toBe('Image: Harbour at dusk — open');
  });

  it('keeps no tracking pixel', () => {
    expect(view.content.html).not.toMatch(/pixel\.stats|tracker\.example|ads\.example/);
    expect(box.querySelectorAll('img')).toHaveLength(0);
  });

  it('keeps a picture the page really shows', () => {
    const shown = page.replace(/<img class="lazyload"[^>]*>/, '<img src="/wp-content/uploads/map.png" alt="Map" width="400" height="300">');
    const v = readerView(parseHtml(shown, URL_), URL_)!;
    expect(v.content.html).toContain('src="https://inkwell-fics.example.org/wp-content/uploads/map.png"');
  });
});
