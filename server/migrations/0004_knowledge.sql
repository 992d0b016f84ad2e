-- Knowledge: articles ("service cards"), their versions per language, and the search index of the
-- published translations. See docs/knowledge.md for the search design.

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
  -- Plain text (Markdown removed, HTML-escaped) that ts_headline cuts snippets from.
  snippet_source text not null,
  -- Unaccented lower-case title and keywords: trigram matching for typos and partial words.
  match_text text not null,
  -- Weighted lexemes in the language's text-search configuration over unaccented text
  -- (title A, keywords A, summary B, body C). Chinese: built with 'simple' over `segmented`.
  tsv tsvector not null,
  -- Chinese only: ICU word segments plus character bigrams of each field, space-separated.
  segmented text,
  published_at timestamptz not null,
  primary key (article_id, language)
);
create index article_search_tsv on article_search using gin (tsv);
create index article_search_match_trgm on article_search using gin (match_text gin_trgm_ops);
create index article_search_language on article_search (language, slug);

-- Words of the published titles, keywords and summaries per language (unaccented, lower case):
-- a misspelt query word is replaced by its nearest word here (trigram similarity) before the
-- full-text match, the usual PostgreSQL recipe for spelling tolerance (pg_trgm documentation, F.35.5).
create table knowledge_lexicon (
  language text not null,
  word text not null,
  primary key (language, word)
);
create index knowledge_lexicon_trgm on knowledge_lexicon using gin (word gin_trgm_ops);
