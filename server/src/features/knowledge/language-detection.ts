/**
 * Which of the city's languages a citizen wrote in. Script decides first (Arabic, Han, Cyrillic
 * letters each belong to one offered language); Latin-script text goes to franc-min restricted to
 * the offered languages, with a short list of very common function words per language as a second
 * opinion, because trigram statistics alone are unreliable on a ten-word question (franc's own
 * documentation warns about short inputs), and, when the caller has it, the vocabulary of the
 * city's own articles as a third. Undetermined text gets the city's default language.
 */
import { francAll } from 'franc-min';
import { knownLanguages, type LanguageCode } from '../../platform/i18n/languages';

const scripts = {
  arabic: /\p{Script=Arabic}/gu,
  han: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu,
  cyrillic: /\p{Script=Cyrillic}/gu,
  latin: /\p{Script=Latin}/gu,
} as const;

/** Offered languages written in each non-Latin script (the others are Latin-script). */
const scriptLanguages: Record<'arabic' | 'han' | 'cyrillic', readonly LanguageCode[]> = {
  arabic: ['ar'],
  han: ['zh'],
  cyrillic: ['ru', 'uk'],
};

/**
 * Very frequent words (articles, prepositions, pronouns, auxiliaries, question words) of each
 * Latin-script language, from general knowledge of the languages, not from our test questions.
 * Words shared by several languages count for each in proportion (see `functionWordScores`).
 */
const functionWords: Partial<Record<LanguageCode, readonly string[]>> = {
  it: ['il', 'lo', 'la', 'le', 'gli', 'un', 'una', 'uno', 'di', 'del', 'della', 'dei', 'delle', 'dello', 'degli', 'al', 'alla', 'ai', 'alle', 'dal', 'dalla', 'nel', 'nella', 'nei', 'sul', 'sulla', 'per', 'con', 'che', 'chi', 'cosa', 'come', 'dove', 'quando', 'quanto', 'quanti', 'perché', 'perche', 'non', 'è', 'ho', 'hai', 'ha', 'abbiamo', 'devo', 'posso', 'sono', 'mio', 'mia', 'miei', 'questo', 'questa', 'anche', 'ma', 'ci', 'mi', 'ti', 'si', 'c', 'l', 'dell', 'all', 'nell', 'quest', 'fare', 'serve', 'servono', 'essere', 'tutti', 'già', 'più', 'piu', 'oggi', 'qualcuno', 'niente', 'ancora', 'se', 'o', 'e', 'a', 'in', 'da'],
  en: ['the', 'a', 'an', 'of', 'to', 'in', 'for', 'on', 'with', 'at', 'by', 'from', 'my', 'your', 'i', 'you', 'he', 'she', 'it', 'we', 'they', 'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'have', 'has', 'had', 'can', 'could', 'how', 'what', 'where', 'when', 'who', 'why', 'which', 'much', 'many', 'need', 'get', 'got', 'want', 'and', 'or', 'but', 'not', 'no', 'this', 'that', 'there', 'about', 'if', 'me', 'our', 'should', 'will', 'would', 'am', 'don', 'doesn', 'isn', 'm', 's', 't', 'any', 'some', 'someone'],
  fr: ['le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'd', 'l', 'j', 'qu', 'n', 's', 'c', 'au', 'aux', 'et', 'est', 'que', 'qui', 'quoi', 'où', 'comment', 'quand', 'combien', 'pourquoi', 'je', 'tu', 'il', 'elle', 'nous', 'vous', 'ils', 'mon', 'ma', 'mes', 'ton', 'ta', 'votre', 'vos', 'son', 'sa', 'ses', 'ce', 'cet', 'cette', 'pour', 'dans', 'sur', 'avec', 'sans', 'par', 'pas', 'ne', 'ai', 'as', 'avons', 'avez', 'faut', 'faire', 'dois', 'peux', 'suis', 'être', 'avoir', 'en', 'y', 'mais', 'ou', 'très', 'chez', 'quel', 'quelle', 'à'],
  es: ['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del', 'al', 'y', 'que', 'qué', 'en', 'con', 'por', 'para', 'es', 'está', 'están', 'son', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'yo', 'me', 'se', 'lo', 'le', 'les', 'cómo', 'como', 'dónde', 'donde', 'cuándo', 'cuando', 'cuánto', 'cuanto', 'cuánta', 'quién', 'quien', 'tengo', 'tiene', 'hay', 'hace', 'puedo', 'debo', 'necesito', 'no', 'sí', 'muy', 'pero', 'o', 'este', 'esta', 'eso', 'esto', 'hacer', 'ya', 'también', 'otro', 'otra', 'a'],
  pt: ['o', 'a', 'os', 'as', 'um', 'uma', 'uns', 'umas', 'de', 'do', 'da', 'dos', 'das', 'no', 'na', 'nos', 'nas', 'ao', 'à', 'em', 'com', 'por', 'para', 'pelo', 'pela', 'e', 'é', 'que', 'não', 'sim', 'meu', 'minha', 'meus', 'minhas', 'seu', 'sua', 'eu', 'você', 'voce', 'ele', 'ela', 'como', 'onde', 'quando', 'quanto', 'quem', 'tenho', 'tem', 'preciso', 'posso', 'devo', 'faço', 'faco', 'fazer', 'está', 'estou', 'são', 'foi', 'isso', 'isto', 'este', 'esta', 'mas', 'ou', 'também', 'já', 'muito', 'mais', 'lá', 'aqui'],
  de: ['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'und', 'oder', 'aber', 'nicht', 'kein', 'keine', 'ist', 'sind', 'war', 'bin', 'bist', 'habe', 'hat', 'haben', 'ich', 'du', 'er', 'sie', 'es', 'wir', 'ihr', 'mein', 'meine', 'meinen', 'meinem', 'mich', 'mir', 'wie', 'was', 'wo', 'wann', 'wer', 'warum', 'welche', 'muss', 'kann', 'brauche', 'für', 'mit', 'von', 'zu', 'zum', 'zur', 'im', 'in', 'auf', 'an', 'bei', 'nach', 'aus', 'um', 'viel', 'kostet', 'gibt', 'man', 'wenn', 'noch', 'schon', 'jetzt', 'hier'],
  ro: ['și', 'si', 'în', 'de', 'la', 'cu', 'pe', 'un', 'o', 'este', 'sunt', 'am', 'ce', 'cum', 'unde', 'când', 'cand', 'cât', 'cat', 'costă', 'nu', 'mea', 'meu', 'pentru', 'care', 'trebuie', 'pot', 'vreau'],
};

const functionWordSets = new Map(
  Object.entries(functionWords).map(([lang, words]) => [lang as LanguageCode, new Set(words)]),
);

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Words split at apostrophes too, so that French `j'ai` and Italian `l'anno` count `j`, `l`. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
}

/** Share of the text's tokens that are function words of each language; shared words count 1/n. */
function functionWordScores(words: string[], candidates: LanguageCode[]): Map<LanguageCode, number> {
  const scores = new Map<LanguageCode, number>(candidates.map((c) => [c, 0]));
  if (words.length === 0) return scores;
  for (const w of words) {
    const owners = candidates.filter((c) => functionWordSets.get(c)?.has(w));
    for (const o of owners) scores.set(o, scores.get(o)! + 1 / owners.length);
  }
  for (const [c, s] of scores) scores.set(c, s / words.length);
  return scores;
}

/** How much a function-word share counts against franc's relative score (0..1). */
const FUNCTION_WORD_WEIGHT = 1.5;
/** How much the share of words found in the knowledge base's own vocabulary of a language counts. */
const VOCABULARY_WEIGHT = 1.5;

/**
 * The languages in which the city's published articles use a word (keys: the text's tokens as
 * given by `detectionTokens`). Optional: detection works without it, better with it, because the
 * articles are exactly what citizens ask about.
 */
export type Vocabulary = ReadonlyMap<string, readonly LanguageCode[]>;

/** The tokens of a text, as `detectLanguage` looks them up in a `Vocabulary`. */
export function detectionTokens(text: string): string[] {
  return [...new Set(tokens(text.slice(0, 1000)).filter((t) => t.length >= 3))].slice(0, 60);
}

function vocabularyScores(text: string, candidates: LanguageCode[], vocabulary: Vocabulary): Map<LanguageCode, number> {
  const scores = new Map<LanguageCode, number>(candidates.map((c) => [c, 0]));
  const words = detectionTokens(text);
  if (words.length === 0) return scores;
  for (const w of words) {
    const owners = (vocabulary.get(w) ?? []).filter((l) => candidates.includes(l));
    for (const o of owners) scores.set(o, scores.get(o)! + 1 / owners.length);
  }
  for (const [c, s] of scores) scores.set(c, s / words.length);
  return scores;
}

function detectLatin(text: string, candidates: LanguageCode[], fallback: LanguageCode, vocabulary?: Vocabulary): LanguageCode {
  if (candidates.length === 1) return candidates[0]!;
  const byIso = new Map(candidates.map((c) => [knownLanguages[c].franc as string, c]));
  const franc = new Map<LanguageCode, number>();
  for (const [iso, score] of francAll(text, { only: [...byIso.keys()], minLength: 3 })) {
    const code = byIso.get(iso);
    if (code) franc.set(code, score);
  }
  const words = functionWordScores(tokens(text), candidates);
  const known = vocabulary ? vocabularyScores(text, candidates, vocabulary) : undefined;
  let best: LanguageCode | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    const score =
      (franc.get(c) ?? 0) + FUNCTION_WORD_WEIGHT * (words.get(c) ?? 0) + VOCABULARY_WEIGHT * (known?.get(c) ?? 0);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best ?? fallback;
}

/**
 * The language of `text` among `offered` (the city's languages), or `fallback` (the city's default)
 * when nothing in the text decides. Pure and synchronous; the vocabulary is looked up by the caller.
 */
export function detectLanguage(
  text: string,
  offered: readonly LanguageCode[],
  fallback: LanguageCode = offered[0]!,
  vocabulary?: Vocabulary,
): LanguageCode {
  const sample = text.slice(0, 1000).normalize('NFC');
  const counts = {
    arabic: count(sample, scripts.arabic),
    // A Han character carries about a word's worth of meaning: weigh it like three letters.
    han: 3 * count(sample, scripts.han),
    cyrillic: count(sample, scripts.cyrillic),
    latin: count(sample, scripts.latin),
  };
  const dominant = (Object.keys(counts) as (keyof typeof counts)[]).sort((a, b) => counts[b] - counts[a])[0]!;
  if (counts[dominant] === 0) return fallback;
  if (dominant !== 'latin') {
    const candidates = scriptLanguages[dominant].filter((l) => offered.includes(l));
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length > 1) return detectLatin(sample, candidates, fallback, vocabulary);
    // No offered language writes this script: fall through to the Latin letters, if any.
    if (counts.latin === 0) return fallback;
  }
  const latin = offered.filter((l) => !Object.values(scriptLanguages).some((list) => list.includes(l)));
  if (latin.length === 0) return fallback;
  return detectLatin(sample, latin, fallback, vocabulary);
}
