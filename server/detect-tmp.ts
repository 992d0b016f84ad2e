import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { detectLanguage } from './src/features/knowledge/language-detection';
const root = '../data/demo-milano/knowledge';
const offered = ['it','en','fr','es','de','ar','zh','ru','pt'] as any;
let ok=0, n=0; const per: Record<string, number[]> = {};
for (const slug of readdirSync(root)) {
  if (slug.endsWith('.csv')) continue;
  const q = parse(readFileSync(`${root}/${slug}/questions.yaml`,'utf8'));
  for (const [lang, list] of Object.entries(q) as [string, string[]][]) for (const text of list) {
    const got = detectLanguage(text, offered, 'it');
    n++; per[lang] ??= [0,0]; per[lang][1]++;
    if (got === lang) { ok++; per[lang][0]++; } else console.log(lang, got, text);
  }
}
console.log(ok, n, (ok/n*100).toFixed(1), JSON.stringify(per));
