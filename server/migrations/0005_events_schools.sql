-- Knowledge content types: cultural events and school enrollment windows, each with one row of
-- citizen-facing text per language. See docs/events-and-schools.md.

-- Ids come from the city's data (stable slugs such as `oh-bej-oh-bej-2026`) or are UUIDs for events
-- created by editors; both fit the pattern.
create table events (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
  category text not null check (category ~ '^[a-z][a-z-]{0,31}$'),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  venue text not null check (length(venue) between 1 and 300),
  address text not null check (length(address) between 1 and 300),
  -- Milan has nine Municipi (1–9); the range is checked by the importer and the API, which know the
  -- city, so that another city's districts need no migration.
  municipio smallint not null check (municipio > 0),
  -- Euro cents; 0 is a free event.
  price_cents integer not null check (price_cents >= 0),
  status text not null default 'published' check (status in ('published', 'cancelled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_end_after_start check (ends_at > starts_at)
);
-- "What is on between A and B" is a range overlap; GiST over the half-open range answers it without
-- scanning every past event. Listings sort by start.
create index events_period on events using gist (tstzrange(starts_at, ends_at, '[)'));
create index events_starts_at on events (starts_at, id);

create table event_translations (
  event_id text not null references events (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  title text not null check (length(title) between 1 and 300),
  description text not null check (length(description) between 1 and 5000),
  -- Full-text vector in the language's configuration (the mapping of platform/i18n/languages.ts;
  -- Chinese and unknown languages use 'simple', and the API adds a substring match for them).
  search tsvector generated always as (
    to_tsvector(
      case language
        when 'it' then 'italian'::regconfig
        when 'en' then 'english'::regconfig
        when 'fr' then 'french'::regconfig
        when 'es' then 'spanish'::regconfig
        when 'de' then 'german'::regconfig
        when 'ar' then 'arabic'::regconfig
        when 'ru' then 'russian'::regconfig
        when 'pt' then 'portuguese'::regconfig
        when 'ro' then 'romanian'::regconfig
        else 'simple'::regconfig
      end,
      title || ' ' || description)
  ) stored,
  primary key (event_id, language)
);
create index event_translations_search on event_translations using gin (search);

-- One enrollment window per school type and school year (e.g. nido 2026/27: 4 Feb 12:00 – 25 Feb
-- 12:00). `confirmed = false` marks a provisional window not yet checked against the official notice.
create table school_enrollment_windows (
  id uuid primary key,
  school_type text not null check (school_type ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  school_year text not null check (school_year ~ '^[0-9]{4}/[0-9]{2}$'),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  confirmed boolean not null default false,
  -- Who may apply, as the city's data states it (e.g. "born 2024-01-01..2026-05-31").
  age_rule text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint school_enrollment_windows_once unique (school_type, school_year),
  constraint school_enrollment_windows_close_after_open check (closes_at > opens_at)
);
create index school_enrollment_windows_period on school_enrollment_windows (school_type, opens_at, closes_at);

create table school_enrollment_translations (
  window_id uuid not null references school_enrollment_windows (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  title text not null check (length(title) between 1 and 300),
  eligibility text not null check (length(eligibility) between 1 and 5000),
  documents text[] not null default '{}',
  how_to_apply text not null check (length(how_to_apply) between 1 and 5000),
  primary key (window_id, language)
);
