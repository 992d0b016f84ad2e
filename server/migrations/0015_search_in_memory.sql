-- Search now ranks in memory over the published translations' tsvectors (features/knowledge,
-- knowledge-index.ts and search-index.ts): document frequencies come from the posting lists, and
-- the lexicon's trigrams and the pre-ranking vector are computed there. What only the per-request
-- SQL ranking used goes, so that publishing stops maintaining it.
drop index article_search_tsv;
drop index article_search_match_trgm;
drop index knowledge_lexicon_trgm;
drop index knowledge_lexicon_word;
alter table article_search drop column head_tsv;
drop table knowledge_lexeme_stats;
drop table knowledge_language_stats;
