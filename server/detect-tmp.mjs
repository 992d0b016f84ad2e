import { franc, francAll } from 'franc-min';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
const root = '../data/demo-milano/knowledge';
const map = { it:'ita', en:'eng', fr:'fra', es:'spa', de:'deu', ar:'arb', zh:'cmn', ru:'rus', pt:'por' };
const only = Object.values(map);
let ok=0, n=0; const per={};
for (const slug of readdirSync(root)) {
  if (slug.endsWith('.csv')) continue;
  const q = parse(readFileSync(`${root}/${slug}/questions.yaml`,'utf8'));
  for (const [lang, list] of Object.entries(q)) for (const text of list) {
    const got = franc(text, { only, minLength: 3 });
    n++; per[lang] ??= [0,0]; per[lang][1]++;
    if (got === map[lang]) { ok++; per[lang][0]++; } else console.log(lang, got, text, francAll(text,{only}).slice(0,3));
  }
}
console.log(ok, n, per);
