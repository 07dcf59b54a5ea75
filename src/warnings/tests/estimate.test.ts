import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateText, MIN_WORDS } from '../estimate/estimate';
import { textLines } from '../../core/dom';
import { parseHtml } from '../../../scripts/lib/html';
import { corpusPages, type CorpusPage } from '../../../tests/lib/corpus';

/**
 * A page's story text as the ground truth bounds it (first words to last words), lines kept, so
 * these tests measure the estimator and not the reader view's extraction.
 */
function storyText(page: CorpusPage): string {
  const { url, storyText: st } = page.expected;
  const doc = parseHtml(readFileSync(page.htmlPath, 'utf8'), url);
  const text = textLines(doc.body ?? doc.documentElement).join('\n');
  const phrase = (s: string) =>
    new RegExp(
      s
        .split(' ')
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s+'),
      'g',
    );
  const start = text.search(phrase(st!.first));
  const end = [...text.matchAll(phrase(st!.last))].pop()!;
  return text.slice(start, end.index + end[0].length);
}

const pages = corpusPages();
const page = (name: string) => pages.find((p) => p.name === name)!;

/** Neutral prose, `words` words long, in paragraphs of about 60 words. */
function filler(words: number): string {
  const sentence = 'The rain kept falling on the quiet town while they walked home along the river and talked about nothing much.';
  const perSentence = sentence.split(' ').length;
  const out: string[] = [];
  for (let n = 0; n < words; n += perSentence) out.push(sentence + (out.length % 3 === 2 ? '\n' : ''));
  return out.join(' ');
}

describe('estimator on the corpus', () => {
  it('finds the unrated seed page (fic-562) explicit, as its true audience is', () => {
    const seed = page('allaboutspike/pages/fic-562.html');
    expect((seed.expected as { trueAudience?: string }).trueAudience).toBe('explicit');
    const e = estimateText(storyText(seed));
    expect(e.level).toBe('explicit');
    expect(e.reasons[0]).toMatch(/^explicit sexual language: \d+ passages in 8,297 words$/);
  });

  it('finds the real Explicit AO3 work explicit', () => {
    expect(estimateText(storyText(page('ao3/pages/ao3js-works-23824891.html'))).level).toBe('explicit');
  });

  const generalOrTeen = pages.filter(
    (p) =>
      p.name.startsWith('ao3/pages/') &&
      p.expected.origin === 'real' &&
      (p.expected.rating.level === 'general' || p.expected.rating.level === 'teen') &&
      p.expected.storyText,
  );

  it('covers the real General and Teen AO3 pages', () => expect(generalOrTeen.length).toBeGreaterThanOrEqual(4));

  it.each(generalOrTeen.map((p) => [p.name, p] as const))('does not call %s explicit', (_name, p) => {
    const e = estimateText(storyText(p));
    expect(['unknown', 'general', 'teen']).toContain(e.level);
  });

  it('does not call the real Mature AO3 work explicit', () => {
    expect(estimateText(storyText(page('ao3/pages/ao3js-works-17793689.html'))).level).not.toBe('explicit');
  });
});

describe('estimator on hand-written text', () => {
  it('does not estimate a few words', () => {
    expect(estimateText('Chapter one. The end.')).toEqual({ level: 'unknown', reasons: ['only 4 words of text, too few to judge'] });
    expect(estimateText(filler(MIN_WORDS)).level).toBe('general');
  });

  it('calls plain prose general and says how much it read', () => {
    expect(estimateText(filler(1200))).toEqual({ level: 'general', reasons: ['nothing flagged in 1,200 words'] });
  });

  it('finds an explicit scene in a long text and counts its passages', () => {
    const scene =
      'She felt his erection against her thigh and reached for his cock. He kissed her breasts, her nipples, ' +
      'and she moaned as he thrust inside her until the orgasm took them both.';
    const text = [filler(3000), scene, filler(300), scene, filler(3000)].join('\n');
    const e = estimateText(text);
    expect(e.level).toBe('explicit');
    expect(e.reasons[0]).toMatch(/^explicit sexual language: 2 passages in 6,\d{3} words$/);
  });

  it('does not call one stray explicit word in a long text explicit', () => {
    const text = [filler(3000), 'He called the man a cock and walked off.', filler(3000)].join('\n');
    expect(estimateText(text).level).not.toBe('explicit');
  });

  it('needs several explicit words in one passage, not spread across the story', () => {
    const words = ['cock', 'orgasm', 'erection', 'penis', 'clitoris'];
    const text = words.map((w) => `${filler(400)}\nThe word ${w} appears here.`).join('\n');
    const e = estimateText(text);
    expect(e.level).toBe('mature');
    expect(e.reasons[0]).toMatch(/^sexual content: 5 passages in 2,\d{3} words$/);
  });

  it('takes one explicit passage amid a sustained sexual scene as explicit, alone as mature', () => {
    const explicitPassage = 'His erection pressed against her and she reached for his cock.';
    const sexualPassage = 'They undressed; she was naked and he kissed her breasts.';
    const alone = [filler(4000), explicitPassage, filler(4000)].join('\n');
    expect(estimateText(alone).level).toBe('mature');
    const scene = [sexualPassage, sexualPassage, sexualPassage, sexualPassage].map((p) => `${filler(120)}\n${p}`);
    const sustained = [filler(4000), ...scene, filler(120), explicitPassage, filler(4000)].join('\n');
    expect(estimateText(sustained)).toMatchObject({
      level: 'explicit',
      reasons: [expect.stringMatching(/^explicit sexual language: 1 passage in 8,\d{3} words$/)],
    });
  });

  it('counts a suggestive word once per passage', () => {
    const medical =
      'The doctor checked her breast, then the other breast; breast cancer ran in the family, and breasts were all they talked about.';
    expect(estimateText([filler(300), medical, filler(300), medical, filler(300)].join('\n')).level).not.toBe('explicit');
  });

  it('does not take a sword fight or an insult for a sex scene', () => {
    const fight = 'He thrust with the naked blade; she parried the thrust and thrust back, naked steel flashing.';
    expect(estimateText([filler(300), fight, filler(300), fight].join('\n')).level).toBe('general');
    const row = '"You cunt," he spat. "You absolute cunt."';
    expect(estimateText([filler(300), row, filler(300), row].join('\n'))).toEqual({
      level: 'teen',
      reasons: ['strong language: 4 uses in 614 words'],
    });
  });

  it('cuts text without line breaks into passages too', () => {
    const scene = 'his erection, her breasts, her nipples, his cock, her orgasm.';
    const flat = [filler(2000), scene, filler(1000), scene, filler(2000)].join(' ').replace(/\n/g, ' ');
    expect(estimateText(flat).level).toBe('explicit');
  });

  it('matches whole words only, and the lower-case forms of names', () => {
    const innocent = `${filler(300)} Dick Grayson ordered a cocktail in Scunthorpe. The assassin was cocky. He cocked his head.`;
    expect(estimateText(innocent).level).toBe('general');
    expect(estimateText(`${filler(300)} "Don't be a dick," she said.`)).toEqual({
      level: 'teen',
      reasons: ['strong language: 1 use in 306 words'],
    });
  });

  it('treats a word glued to an accented letter as another word', () => {
    expect(estimateText(`${filler(300)} Shité fuckë.`).level).toBe('general');
  });

  it('rates pervasive swearing mature, never explicit', () => {
    const text = Array.from({ length: 12 }, () => `${filler(60)} "Fuck this shit," he said.`).join('\n');
    const e = estimateText(text);
    expect(e.level).toBe('mature');
    expect(e.reasons[0]).toMatch(/^pervasive strong language: 24 uses in/);
  });

  it('rates graphic violence mature and some violence teen', () => {
    const gore = 'They tortured him, then disembowelled him, and his entrails spilled out.';
    expect(estimateText([filler(500), gore, filler(500), gore, filler(500)].join('\n'))).toMatchObject({
      level: 'mature',
      reasons: [expect.stringMatching(/^graphic violence: 2 passages in 1,\d{3} words$/)],
    });
    const fight = 'He drew his knife; she drew her gun. Someone would be killed.';
    expect(estimateText([filler(300), fight, filler(300), fight].join('\n')).level).toBe('teen');
  });

  it('lists every kind of content found, most severe first', () => {
    const scene = 'his erection, her breasts, her nipples, his cock, her orgasm.';
    const threat = 'Someone would be killed with a knife.';
    const text = [filler(500), scene, threat, filler(500), scene, threat, '"Fuck," he said.', filler(200)].join('\n');
    const e = estimateText(text);
    expect(e.level).toBe('explicit');
    expect(e.reasons.map((r) => r.split(':')[0])).toEqual(['explicit sexual language', 'violence', 'strong language']);
  });
});

/**
 * The lexicon is English: a story in another language finds none of its words and would pass for
 * General however it is written, so the estimate of such a text is unknown, and says why.
 */
describe('text in a language the estimator does not read', () => {
  const FERRY_EN =
    'The ferry left at six whether anyone was on it or not. Mara had learned that the hard way, standing on the pier with her bag while the lights slid away across the grey water. "You again," the ticket man said, and he punched her ticket without looking at it. The wind came in off the harbour, long and cold, and she turned up her collar and found a seat by the rail where the spray could reach her. She did not turn around when he sat down beside her, and she did not say anything for a long time.';
  const lines = (name: string) => readFileSync(page(name).textPath!, 'utf8');
  const OTHER = {
    German:
      'Die Fähre legte um sechs Uhr ab, ob jemand an Bord war oder nicht. Mara hatte das auf die harte Tour gelernt, als sie mit ihrer Tasche auf dem Steg stand, während die Lichter über das graue Wasser davonglitten. „Sie schon wieder“, sagte der Mann am Schalter und lochte ihre Fahrkarte, ohne hinzusehen. Der Wind kam lang und kalt vom Hafen herein, und sie schlug den Kragen hoch und suchte sich einen Platz an der Reling, wo die Gischt sie erreichen konnte. Sie drehte sich nicht um, als er sich neben sie setzte, und sie sagte lange nichts.',
    French:
      'Le ferry partait à six heures, qu’il y ait quelqu’un à bord ou non. Mara l’avait appris à ses dépens, debout sur le quai avec son sac pendant que les lumières glissaient sur l’eau grise. « Encore vous », dit l’homme du guichet, et il poinçonna son billet sans le regarder. Le vent arrivait du port, long et froid, et elle releva son col et trouva une place près du bastingage, là où les embruns pouvaient l’atteindre. Elle ne se retourna pas quand il s’assit à côté d’elle, et elle ne dit rien pendant longtemps.',
    Spanish:
      'El ferry salía a las seis, hubiera alguien a bordo o no. Mara lo había aprendido por las malas, de pie en el muelle con su bolsa mientras las luces se alejaban sobre el agua gris. «Usted otra vez», dijo el hombre de la taquilla, y le picó el billete sin mirarlo. El viento llegaba del puerto, largo y frío, y ella se subió el cuello y buscó un sitio junto a la barandilla, donde la espuma podía alcanzarla. No se dio la vuelta cuando él se sentó a su lado, y no dijo nada durante mucho tiempo.',
    Russian:
      'Паром уходил в шесть, был ли кто-нибудь на борту или нет. Мара усвоила это на собственном опыте, стоя на причале с сумкой, пока огни скользили прочь по серой воде. «Опять вы», сказал кассир и пробил её билет, не глядя. Ветер дул с гавани, долгий и холодный, и она подняла воротник и нашла место у поручней, куда долетали брызги. Она не обернулась, когда он сел рядом, и долго ничего не говорила.',
    Chinese: lines('generic/pages/lanting-ferry-zh.html'),
    Japanese: lines('generic/pages/tsukiakari-ferry-ja.html'),
  };

  it('estimates the English story', () => {
    expect(estimateText(FERRY_EN).level).toBe('general');
  });

  it.each(Object.entries(OTHER))('leaves the %s story unknown, never General', (_language, text) => {
    expect(estimateText(text)).toEqual({
      level: 'unknown',
      reasons: ['its text is not in English, the only language the estimator reads'],
    });
  });

  it('reads English with foreign names and words in it as English', () => {
    const mixed = `${FERRY_EN} "Bonjour, mademoiselle," said Herr Müller from the café on the Straße, and Mara smiled at him.`;
    expect(estimateText(mixed).level).toBe('general');
  });
});
