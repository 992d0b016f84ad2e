import { describe, expect, it } from 'vitest';
import { cutSnippet, highlightChinese, lexiconWords, queryWords, segmentChinese, stripMarkdown } from './search-text';

describe('search text preparation', () => {
  it('strips Markdown to what a reader sees', () => {
    const md = '## Come fare\n1. **Prenota** sul [sito](https://example.org) del Comune;\n- porta una `foto`\n> nota *bene*\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    expect(stripMarkdown(md)).toBe('Come fare Prenota sul sito del Comune; porta una foto nota bene a b 1 2');
  });

  it('segments Chinese into ICU words plus character bigrams', () => {
    const terms = segmentChinese('身份证丢了').split(' ');
    expect(terms).toEqual(expect.arrayContaining(['身份', '份证', '证丢', '丢了']));
    expect(segmentChinese('Area C 收费')).toContain('area');
  });

  it('lists words for the spelling lexicon and the query', () => {
    expect(lexiconWords("La carta d'identità è SCADUTA, 22,20 euro")).toEqual(['carta', 'identità', 'scaduta', 'euro']);
    expect(queryWords('imu sacdenza del 2024')).toEqual(['sacdenza']);
    expect(lexiconWords('身份证 карта')).toEqual(['карта']);
  });

  it('cuts the stretch with most question words and marks them, escaped', () => {
    const source =
      'Il Comune rilascia molti documenti. ' +
      'Per la carta d’identità elettronica prenota un appuntamento e porta la vecchia carta scaduta allo sportello. ' +
      'Altre informazioni <utili> sul sito & negli uffici.';
    const snippet = cutSnippet(source, ['cart', 'scad', 'ident'], 'it');
    expect(snippet).toContain('<mark>carta</mark>');
    expect(snippet).toContain('<mark>scaduta</mark>');
    expect(snippet).toContain('<mark>identità</mark>');
    expect(snippet).not.toContain('<utili>');
    expect(cutSnippet('a <b> & c', [], 'it')).toBe('a &lt;b&gt; &amp; c');
    const long = `${'parola '.repeat(60)}la TARI si paga a dicembre ${'altro '.repeat(60)}`;
    const cut = cutSnippet(long, ['tari'], 'it');
    expect(cut).toMatch(/^… .*<mark>TARI<\/mark>.* …$/);
    expect(cut.split(' ').length).toBeLessThan(35);
  });

  it('matches Arabic stems anywhere in the word (prefixes such as ال)', () => {
    expect(cutSnippet('بطاقة الهوية الإلكترونية', ['هوي'], 'ar')).toContain('<mark>الهوية</mark>');
  });

  it('marks the Chinese question words in the summary', () => {
    expect(highlightChinese('在米兰办理电子身份证需要预约', '身份证丢了怎么办')).toContain('<mark>身份证</mark>');
    expect(highlightChinese('a < b', '无关')).toBe('a &lt; b');
  });
});
