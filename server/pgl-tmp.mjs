import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
const db = await PGlite.create({ extensions: { pg_trgm, unaccent } });
await db.exec('create extension pg_trgm; create extension unaccent;');
for (const q of ["select datname, datcollate, datctype from pg_database", "select show_trgm('身份证 丢了') a, show_trgm('удостоверение') b, to_tsvector('simple','身份证 丢了 карта') c, to_tsvector('arabic','ضاعت بطاقة الهوية ماذا أفعل') d, unaccent('Ёлка identità') e", "select replace(plainto_tsquery('italian', 'carta d''identità-elettronica scaduta l''anno'' scorso \\\\ x')::text, ' & ', ' | ') f"])
  console.log((await db.query(q)).rows);
