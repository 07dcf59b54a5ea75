/**
 * Story-header labels ("Rating: NC-17", "Auteur : X", "作者：X") by the key the adapter reads them
 * under. Archives in every language head a work the same way, so one table serves all of them.
 */
const WORDS: Record<string, string[]> = {
  title: ['title', 'titre', 'titel', 'título', 'titulo', 'タイトル', '題名', '标题', '標題'],
  author: ['authors?', 'written by', 'auteure?', 'autor(?:in)?', 'autora', '作者', '著者'],
  rating: ['rating', 'rated', 'classement', 'bewertung', 'altersfreigabe', 'clasificaci[óo]n', 'レーティング', '年齢制限', '分级', '分級'],
  pairing: ['pairings?', 'カップリング', '配对', '配對'],
  character: ['characters?', 'personnages?', 'charaktere', 'personajes', '登場人物'],
  fandom: ['fandoms?', '原作'],
  summary: ['summary', 'résumé', 'zusammenfassung', 'resumen', 'sinopsis', 'あらすじ', '简介', '簡介'],
  disclaimer: ['disclaimer', '声明', '聲明'],
  'a/n': ['a/n', "author['’]?s['’]? notes?"],
  spoiler: ['spoilers?'],
  warning: ['warnings?', 'avertissements?', 'warnungen', 'advertencias', '警告', '注意'],
  feedback: ['feedback'],
  archive: ['archiv(?:e|ing)'],
  distribution: ['distribution'],
  beta: ['betas?', "beta['’]?d by"],
  'word count': ['word ?count', 'words', 'mots', 'wörter', 'palabras', '文字数'],
  status: ['status', 'statut', 'estado', '状態', '連載状況'],
  chapters: ['chapters', 'chapitres', 'kapitel', 'cap[íi]tulos', '話数'],
  updated: [
    'updated',
    'published',
    'mis à jour',
    'publié',
    'aktualisiert',
    'veröffentlicht',
    'actualizado',
    'publicado',
    '更新日',
    '最終更新',
    '公開日',
  ],
};

const KEYS = Object.entries(WORDS).map(([key, words]) => ({ key, re: new RegExp(`^(?:${words.join('|')})$`, 'i') }));
const ALL = Object.values(WORDS).flat().join('|');

/** A line opening with a header label. */
export const LABEL = new RegExp(`^(${ALL})\\s*[:：]\\s*`, 'i');
/** Where a second label starts on the same line ("Title: X Author: Y"), or a " | " / " · " divider. */
const NEXT_LABEL = new RegExp(`\\s+[|•·]\\s+|\\s+(?=(?:${ALL})\\s*[:：])`, 'i');

/** Labels that turn up once per work: seen three times, the page lists works. */
export const PER_WORK = ['author', 'rating', 'summary'];
/** Labels only fan fiction uses; "Title", "Author", "Rating" and "Summary" also head book and film reviews. */
export const FANNISH = ['pairing', 'character', 'fandom', 'disclaimer', 'a/n', 'feedback', 'archive', 'distribution', 'beta'];
/** Labels an archive puts on a work's index page, around its chapter list. */
export const WORK_META = ['rating', 'summary', 'status', 'chapters', 'word count', 'updated'];

function labelKey(label: string): string {
  return KEYS.find((k) => k.re.test(label))?.key ?? label.toLowerCase();
}

/** Every "Label: value" pair on a line, in order. */
export function labelPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  let rest = text;
  for (let m = LABEL.exec(rest); m; m = LABEL.exec(rest)) {
    rest = rest.slice(m[0].length);
    const cut = rest.search(NEXT_LABEL);
    const value = (cut < 0 ? rest : rest.slice(0, cut)).trim();
    if (value) pairs.push([labelKey(m[1] ?? ''), value]);
    if (cut < 0) break;
    rest = rest.slice(cut).replace(/^\s*[|•·]?\s*/, '');
  }
  return pairs;
}

/** The total a "Chapters:" label states: "3/7" and "全5話" give 7 and 5; "3/?" gives none. */
export function statedTotal(value: string | undefined): number | null {
  const m = value?.match(/^\s*(?:\d+\s*\/\s*(\d+|\?)|全?\s*(\d+))/);
  const n = Number(m?.[1] ?? m?.[2]);
  return n > 0 ? n : null;
}
