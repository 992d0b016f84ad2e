-- Knowledge: articles ("service cards"), their versions per language, and the search index of the
-- published translations. See docs/knowledge.md for the search design.

-- For every built-in language configuration (italian, english, …, arabic), a copy that removes
-- accents before stemming (the recipe of the unaccent module's documentation): 'identita' finds
-- 'identità' while the stored text keeps its accents. Chinese uses 'simple' over segmented text.
-- A language added later needs no migration if PostgreSQL has a configuration for it.
do $$
declare
  cfg record;
begin
  for cfg in select c.cfgname from pg_ts_config c join pg_namespace n on n.oid = c.cfgnamespace
              where n.nspname = 'pg_catalog' and c.cfgname <> 'simple'
  loop
    execute format('create text search configuration public.%I (copy = pg_catalog.%I)', 'knowledge_' || cfg.cfgname, cfg.cfgname);
    execute format(
      'alter text search configuration public.%I alter mapping for word, hword, hword_part with public.unaccent, %I',
      'knowledge_' || cfg.cfgname,
      (select d.dictname from pg_ts_config_map m join pg_ts_dict d on d.oid = m.mapdict
        where m.mapcfg = (select oid from pg_ts_config where cfgname = cfg.cfgname and cfgnamespace = 'pg_catalog'::regnamespace)
          and m.mapseqno = 1 and m.maptokentype = (select tokid from ts_token_type('default') where alias = 'word')));
  end loop;
end
$$;

-- External ids of articles created by editors (imported ones bring their own, e.g. KA-01001).
create sequence article_external_id_seq start with 90001;

create table articles (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  external_id text not null unique check (external_id ~ '^KA-[0-9]{4,9}$'),
  topic text not null check (topic ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  -- Slugs of directory offices and codes of bookable services; loose references on purpose, so
  -- that an office can be renamed or closed without touching the knowledge base.
  offices text[] not null default '{}',
  services text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'archived')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index articles_topic on articles (topic) where status = 'active';

-- Every saved state of a translation. Numbers count per (article, language). At most one draft
-- (the editor's working copy) and one published version (the one citizens see) per language;
-- everything older is superseded. A translation withdrawn by an editor has no published version.
create table article_versions (
  id uuid primary key,
  article_id uuid not null references articles (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  version integer not null check (version > 0),
  title text not null check (length(title) between 1 and 300),
  summary text not null check (length(summary) between 1 and 2000),
  body text not null check (length(body) between 1 and 100000),
  keywords text[] not null default '{}',
  state text not null check (state in ('draft', 'published', 'superseded')),
  author_id uuid,
  author text not null,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  unique (article_id, language, version)
);
create unique index article_versions_one_published on article_versions (article_id, language) where state = 'published';
create unique index article_versions_one_draft on article_versions (article_id, language) where state = 'draft';

-- The published translation of each active article per language, ready to search and serve: one
-- row per (article, language), rewritten in the transaction that publishes, withdraws or archives.
create table article_search (
  article_id uuid not null references articles (id) on delete cascade,
  language text not null,
  version_id uuid not null references article_versions (id) on delete cascade,
  version integer not null,
  slug text not null,
  title text not null,
  summary text not null,
  body text not null,
  keywords text[] not null,
  -- Summary and start of the body as plain text (Markdown removed): result snippets are cut from it.
  snippet_source text not null,
  -- Unaccented lower-case title and keywords: trigram matching for typos and partial words.
  match_text text not null,
  -- Weighted lexemes in the language's unaccenting configuration (knowledge_<config>, above):
  -- title A, keywords A, summary B, body C. Chinese: built with 'simple' over `segmented`.
  tsv tsvector not null,
  -- The same for title, keywords and summary only: a small vector to pre-rank many candidates.
  head_tsv tsvector not null,
  -- Chinese only: ICU word segments plus character bigrams of each field, space-separated.
  segmented text,
  published_at timestamptz not null,
  primary key (article_id, language)
);
create index article_search_tsv on article_search using gin (tsv);
create index article_search_match_trgm on article_search using gin (match_text gin_trgm_ops);
create index article_search_language on article_search (language, slug);

-- Words of the published translations per language (unaccented, lower case). A misspelt query word
-- is completed with its nearest word here (trigram similarity) before the full-text match: the
-- spelling-suggestion recipe of the pg_trgm documentation. Language detection also asks which
-- languages use a question's words.
create table knowledge_lexicon (
  language text not null,
  word text not null,
  primary key (language, word)
);
create index knowledge_lexicon_trgm on knowledge_lexicon using gin (word gin_trgm_ops);
create index knowledge_lexicon_word on knowledge_lexicon (word);

-- In how many published translations of a language each lexeme occurs: the document frequency
-- behind the inverse-document-frequency weight of a query's words (a rare word such as 'buca' says
-- more about the article wanted than 'casa'). Kept up to date in the transaction that indexes.
create table knowledge_lexeme_stats (
  language text not null,
  lexeme text not null,
  documents integer not null,
  primary key (language, lexeme)
);

-- How many published translations each language has (the N of the idf formula).
create table knowledge_language_stats (
  language text primary key,
  documents integer not null
);
