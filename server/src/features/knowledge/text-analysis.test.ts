import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-app';
import { queryRows } from './publish';
import { parseTsvector, plainWord, searchTokens, termRank, trigrams, trigramSimilarity, WordAnalyzer } from './text-analysis';

// The in-memory index must agree with PostgreSQL on what it copies from it: these tests ask the
// database itself (both engines) and compare.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('empty');
});
afterAll(() => t.drop());

const texts = [
  'La carta d’identità elettronica si richiede all’anagrafe: servono una foto e il vecchio documento.',
  "Rendez-vous à l'état civil; l'ufficio \\ chiude alle 15:30 — \"it's\" O'Brien",
  'Buca stradale buca buca in via Larga 12, segnalazione buca',
];

describe('parseTsvector and termRank', () => {
  it('read the text form PostgreSQL writes and rank each term exactly as ts_rank does', async () => {
    for (const text of texts) {
      const [row] = await queryRows<{ tsv: string }>(
        t.database.db,
        sql`select (setweight(to_tsvector('simple', ${text.slice(0, 30)}), 'A') || setweight(to_tsvector('simple', ${text.slice(10, 60)}), 'B')
                 || setweight(to_tsvector('simple', ${text}), 'C') || to_tsvector('simple', ${text.slice(5)}))::text as tsv`,
      );
      const entries = parseTsvector(row!.tsv);
      expect(entries.length).toBeGreaterThan(3);
      for (const { lexeme, labels } of entries) {
        const [pg] = await queryRows<{ rank: number; positions: number }>(
          t.database.db,
          sql`select ts_rank('{0.05, 0.2, 0.5, 1.0}'::float4[], ${row!.tsv}::tsvector, quote_literal(${lexeme})::tsquery)::float8 as rank,
                     coalesce(array_length((select positions from unnest(${row!.tsv}::tsvector) u where u.lexeme = ${lexeme}), 1), 0) as positions`,
        );
        expect(labels.length).toBe(pg!.positions);
        expect(termRank(labels)).toBeCloseTo(pg!.rank, 5);
      }
    }
  });

  it('reads quotes and backslashes inside lexemes', () => {
    expect(parseTsvector("'it''s':1A 'a\\\\b':2,3C 'x'")).toEqual([
      { lexeme: "it's", labels: 'A' },
      { lexeme: 'a\\b', labels: 'DC' },
      { lexeme: 'x', labels: '' },
    ]);
  });
});

describe('trigrams', () => {
  it('give pg_trgm similarity for words and short texts', async () => {
    const pairs = [
      ['anagrafe', 'anagarfe'],
      ['residenza', 'residensa'],
      ['carta identita', 'carta di identita elettronica'],
      ['buca', 'bucato'],
      ['città', 'citta'],
    ];
    for (const [a, b] of pairs) {
      const [pg] = await queryRows<{ s: number }>(t.database.db, sql`select similarity(${a}, ${b})::float8 as s`);
      expect(trigramSimilarity(trigrams(a!), trigrams(b!))).toBeCloseTo(pg!.s, 5);
    }
  });
});

describe('words', () => {
  it('splits where the parser surely would and keeps inner punctuation for it', () => {
    expect(searchTokens("Dov'è l'Anagrafe?  (via Larga) rendez-vous!")).toEqual(["dov'è", "l'anagrafe", 'via', 'larga', 'rendez-vous']);
  });

  it('unaccents Latin letters like unaccent.rules and leaves other scripts alone', () => {
    expect(plainWord('Città Perché Straße Œuvre')).toBe('citta perche strasse oeuvre');
    expect(plainWord('йогурт')).toBe('йогурт');
    expect(plainWord('ещё')).toBe('еще');
  });

  it('analyses each word once with the language configuration, then answers from memory', async () => {
    const analyzer = new WordAnalyzer(t.database.db);
    const first = await analyzer.lexemes('it', ['certificati', 'residenza', 'della']);
    expect(first.get('certificati')).toEqual(['certific']);
    expect(first.get('della')).toEqual([]); // a stop word
    const [pg] = await queryRows<{ a: string[] }>(t.database.db, sql`select tsvector_to_array(to_tsvector('knowledge_italian', 'residenza')) as a`);
    expect(first.get('residenza')).toEqual(pg!.a);
    expect(analyzer.size('it')).toBe(3);
    await analyzer.lexemes('it', ['residenza']);
    expect(analyzer.size('it')).toBe(3);
  });
});
