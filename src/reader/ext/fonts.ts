/**
 * The bundled OpenDyslexic font, loaded only when the reader picks it. A shadow root cannot declare
 * fonts (Chrome ignores @font-face there), so the faces go into the page's document.fonts, built
 * from the font bytes: no stylesheet and no URL the page's Content-Security-Policy could block.
 */
import { browser } from 'wxt/browser';
import { DYSLEXIC_FONT } from '../settings';

const { family, faces } = DYSLEXIC_FONT;

function alreadyAdded(): boolean {
  for (const face of document.fonts) if (face.family.replace(/["']/g, '') === family) return true;
  return false;
}

/** WXT types getURL with the public/ folder's files; these are copied in by a build hook instead. */
const extensionUrl = browser.runtime.getURL as (path: string) => string;

let pending: Promise<void> | null = null;

/** Adds the font's faces to the page once; resolves when they are ready to use. */
export function loadDyslexicFont(): Promise<void> {
  // The faces outlive this copy of the script: a reader opened again finds them in document.fonts.
  pending ??= alreadyAdded() ? Promise.resolve() : addFaces();
  return pending;
}

async function addFaces(): Promise<void> {
  await Promise.all(
    faces.map(async ({ file, weight, style }) => {
      const bytes = await (await fetch(extensionUrl(`/${file}`))).arrayBuffer();
      const face = new FontFace(family, bytes, { weight, style });
      document.fonts.add(await face.load());
    }),
  );
}
