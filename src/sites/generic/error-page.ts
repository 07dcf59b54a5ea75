/**
 * A story site's error page: a short page whose message says the story or chapter is missing
 * ("Story not found", "Histoire introuvable", "作品が見つかりません"). A bare "Page not found" names
 * no story, so it stays 'none': precision first.
 */
import type { Analysis } from './signals';

const MISSING = new RegExp(
  [
    String.raw`\b(?:story|chapter|work|fic)\s+(?:not found|does not exist|doesn't exist|(?:was|has been) (?:deleted|removed))`,
    String.raw`(?:histoire|chapitre|fiction)\s+(?:introuvable|inexistante?)|(?:cette histoire|ce chapitre)\s+(?:a été supprimée?|n'existe pas)`,
    String.raw`(?:geschichte|kapitel)\s+(?:nicht gefunden|existiert nicht|wurde gelöscht)`,
    String.raw`(?:historia|cap[íi]tulo)\s+(?:no encontrad[ao]|no existe|(?:fue )?eliminad[ao])|(?:la historia|el cap[íi]tulo) que buscas no existe`,
    String.raw`(?:作品|小説|話)(?:が|は)?(?:見つかりません|存在しません|削除されました)`,
  ].join('|'),
  'i',
);
/** More text than this is a page with content, whatever one line of it says. */
const MAX_WORDS = 120;
const MAX_LINE = 25;

export function isErrorPage(a: Analysis): boolean {
  const words = a.content.reduce((n, l) => n + l.words, 0);
  return words <= MAX_WORDS && a.content.some((l) => l.words <= MAX_LINE && MISSING.test(l.text));
}
